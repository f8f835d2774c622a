-- The language a person booked in by phone (the menu's language when the booking was made), so
-- the reminder the day before and a supply-move notice speak it. Null: not known (then the
-- waiting list's language of an invited or standby booking, else German).

-- AlterTable
ALTER TABLE "person" ADD COLUMN "language" VARCHAR(5);

-- The reminder looks up a booking that came from a standby call (its waiting entry's language).
-- CreateIndex
CREATE INDEX "standby_call_booking_id_idx" ON "standby_call"("booking_id");
