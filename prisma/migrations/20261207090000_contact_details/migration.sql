-- What a letter and the centre's list need beyond the booking: a typed name and, for callers
-- without a mobile phone, a postal address. On the phone both are taken by speech and said
-- back; what speech could not settle is recorded and typed by an agent from a worklist.
ALTER TABLE "person"
  ADD COLUMN "name_source" TEXT,
  ADD COLUMN "street" TEXT,
  ADD COLUMN "city" TEXT,
  ADD COLUMN "address_recording_url" TEXT,
  ADD COLUMN "letter" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "checked_at" TIMESTAMPTZ(3),
  ADD COLUMN "checked_by" TEXT;

-- The agents' worklist: people whose name or (for a letter) address still needs typing.
-- Partial, so it stays as small as the worklist however many people are booked.
CREATE INDEX "person_needs_check_idx" ON "person"("created_at", "id")
  WHERE "checked_at" IS NULL AND ("name" IS NULL OR ("letter" AND ("street" IS NULL OR "city" IS NULL)));
