-- After the booking (issue 18): one reminder per appointment (booking and dose), the centre's
-- standby offers of doses left over, who was called for them, and the waiting list's opt-in
-- for short notice.

-- AlterTable
ALTER TABLE "waitlist_entry" ADD COLUMN "short_notice" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "reminder" (
    "booking_id" INTEGER NOT NULL,
    "dose" SMALLINT NOT NULL,
    "appointment_at" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("booking_id","dose")
);

-- CreateIndex
CREATE INDEX "reminder_created_at_idx" ON "reminder"("created_at");

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "standby_offer" (
    "id" SERIAL NOT NULL,
    "centre_id" INTEGER NOT NULL,
    "doses" INTEGER NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,
    "usable_until" TIMESTAMPTZ(3) NOT NULL,
    "first_slot_id" INTEGER,
    "seed" CHAR(64) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "standby_offer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "standby_offer_status_idx" ON "standby_offer"("status");

-- CreateIndex
CREATE INDEX "standby_offer_centre_id_created_at_idx" ON "standby_offer"("centre_id", "created_at");

-- AddForeignKey
ALTER TABLE "standby_offer" ADD CONSTRAINT "standby_offer_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "standby_call" (
    "offer_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'called',
    "booking_id" INTEGER,
    "called_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "standby_call_pkey" PRIMARY KEY ("offer_id","entry_id")
);

-- CreateIndex
CREATE INDEX "standby_call_entry_id_idx" ON "standby_call"("entry_id");

-- CreateIndex
CREATE INDEX "standby_call_called_at_idx" ON "standby_call"("called_at");

-- AddForeignKey
ALTER TABLE "standby_call" ADD CONSTRAINT "standby_call_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "standby_offer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standby_call" ADD CONSTRAINT "standby_call_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "waitlist_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma (see sql-only-objects.ts).
-- ---------------------------------------------------------------------------------------

-- A standby offer never gives more doses than the centre entered, whoever accepts at once.
ALTER TABLE "standby_offer" ADD CONSTRAINT "standby_offer_used_within_doses" CHECK ("used" >= 0 AND "used" <= "doses");
