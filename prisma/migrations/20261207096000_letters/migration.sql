-- Confirmation letters to callers without a mobile phone, gathered into one print batch per
-- day. A rebooking moves the first appointment, and its new pair gets a letter of its own.
CREATE TABLE "letter_item" (
    "booking_id" INTEGER NOT NULL,
    "first_slot_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "batch_day" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "letter_item_pkey" PRIMARY KEY ("booking_id", "first_slot_id", "kind")
);

CREATE INDEX "letter_item_batch_day_idx" ON "letter_item"("batch_day");

ALTER TABLE "letter_item" ADD CONSTRAINT "letter_item_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
