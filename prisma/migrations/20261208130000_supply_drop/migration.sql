-- Supply drops (issue 18): a supervisor records a reduced or cancelled delivery for a week and
-- KV region. The drop is planned first (the preview the supervisor sees) and executed once;
-- every person whose pair was moved gets a durable notice for the outbound call (or a letter).
CREATE TABLE "supply_drop" (
    "id" SERIAL NOT NULL,
    "region_id" TEXT NOT NULL,
    "vaccine_id" TEXT NOT NULL,
    "week_start" DATE NOT NULL,
    "doses_lost" INTEGER NOT NULL,
    "pairs_lost" INTEGER NOT NULL,
    "shift_days" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "plan" JSONB NOT NULL,
    "result" JSONB,
    "pairs_cut" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "executed_by" TEXT,
    "executing_since" TIMESTAMPTZ(3),
    "executed_at" TIMESTAMPTZ(3),

    CONSTRAINT "supply_drop_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "supply_drop" ADD CONSTRAINT "supply_drop_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "kv_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "supply_drop" ADD CONSTRAINT "supply_drop_vaccine_id_fkey" FOREIGN KEY ("vaccine_id") REFERENCES "vaccine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A drop is planned, being executed (claimed by one process) or executed; nothing else.
ALTER TABLE "supply_drop" ADD CONSTRAINT "supply_drop_status_known" CHECK ("status" IN ('planned', 'executing', 'executed'));
-- Capacity is never cut by more pairs than the drop lost.
ALTER TABLE "supply_drop" ADD CONSTRAINT "supply_drop_cut_within_lost" CHECK ("pairs_cut" >= 0 AND "pairs_cut" <= "pairs_lost");
CREATE INDEX "supply_drop_region_id_week_start_idx" ON "supply_drop"("region_id", "week_start");

-- One notice per drop and moved booking: the outbound call "1 annehmen, 2 anderen Termin" the
-- scheduler places later, or (no phone on file) a letter. Slot ids are kept as plain numbers:
-- they are what the person is told, not a link the ledger has to keep alive.
CREATE TABLE "supply_move_notice" (
    "id" SERIAL NOT NULL,
    "drop_id" INTEGER NOT NULL,
    "booking_id" INTEGER NOT NULL,
    "old_first_slot_id" INTEGER NOT NULL,
    "old_second_slot_id" INTEGER NOT NULL,
    "new_first_slot_id" INTEGER NOT NULL,
    "new_second_slot_id" INTEGER NOT NULL,
    "language" VARCHAR(5) NOT NULL,
    "phone" TEXT,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "supply_move_notice_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "supply_move_notice" ADD CONSTRAINT "supply_move_notice_drop_id_fkey" FOREIGN KEY ("drop_id") REFERENCES "supply_drop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "supply_move_notice" ADD CONSTRAINT "supply_move_notice_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- A call to a phone on file, otherwise a letter.
ALTER TABLE "supply_move_notice" ADD CONSTRAINT "supply_move_notice_channel_known" CHECK ("channel" IN ('call', 'letter'));
CREATE UNIQUE INDEX "supply_move_notice_drop_id_booking_id_key" ON "supply_move_notice"("drop_id", "booking_id");
CREATE INDEX "supply_move_notice_booking_id_idx" ON "supply_move_notice"("booking_id");
CREATE INDEX "supply_move_notice_status_created_at_idx" ON "supply_move_notice"("status", "created_at");
