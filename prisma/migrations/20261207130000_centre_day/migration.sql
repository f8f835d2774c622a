-- The centre's day: accounts of a vaccination centre's reception (role "centre", bound to one
-- centre), attendance per booking and dose, the rebooking call a missed first dose earns, and
-- the doses a centre reports wasted on a day.
ALTER TABLE "agent" ADD COLUMN "centre_id" INTEGER;
ALTER TABLE "agent" ADD CONSTRAINT "agent_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A role the code does not know would sign in as nobody; a centre account without its centre
-- would see every centre's list, an agent with one would be a centre account in disguise.
ALTER TABLE "agent" DROP CONSTRAINT "agent_role_known";
ALTER TABLE "agent" ADD CONSTRAINT "agent_role_known" CHECK ("role" IN ('agent', 'supervisor', 'centre'));
ALTER TABLE "agent" ADD CONSTRAINT "agent_centre_bound" CHECK (("role" = 'centre') = ("centre_id" IS NOT NULL));

-- One row per booking and dose once the reception marked it; undo deletes the row.
CREATE TABLE "attendance" (
    "booking_id" INTEGER NOT NULL,
    "dose" SMALLINT NOT NULL,
    "status" TEXT NOT NULL,
    "marked_by" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("booking_id", "dose")
);
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_dose_known" CHECK ("dose" IN (1, 2));
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_status_known" CHECK ("status" IN ('attended', 'no-show'));
CREATE INDEX "attendance_marked_at_idx" ON "attendance"("marked_at");

-- A missed first dose: the person is called in the next calling hours to rebook the pair.
-- One open task per booking; written in the same transaction as the no-show.
CREATE TABLE "rebook_call" (
    "booking_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rebook_call_pkey" PRIMARY KEY ("booking_id")
);
ALTER TABLE "rebook_call" ADD CONSTRAINT "rebook_call_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "rebook_call_status_created_at_idx" ON "rebook_call"("status", "created_at");

-- What the centre enters for the health authority's daily report: "N Dosen verworfen".
CREATE TABLE "centre_day_report" (
    "centre_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "doses_wasted" INTEGER NOT NULL DEFAULT 0,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "centre_day_report_pkey" PRIMARY KEY ("centre_id", "day")
);
ALTER TABLE "centre_day_report" ADD CONSTRAINT "centre_day_report_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "centre_day_report" ADD CONSTRAINT "centre_day_report_wasted_range" CHECK ("doses_wasted" BETWEEN 0 AND 100000);
