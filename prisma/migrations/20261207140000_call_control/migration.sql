-- Call control: an answered caller talks in a Twilio conference of their own (named after the
-- caller's CallSid), and every leg in it is a row here: the caller (on hold or not), the agent
-- (muted or not), a colleague consulted before a warm transfer, a supervisor listening,
-- whispering or barged in. Any server process can hold, mute, transfer or monitor a call by
-- reading these rows; a leg that left keeps its row (left_at) for the audit trail.
CREATE TABLE "call_leg" (
    "id" SERIAL NOT NULL,
    "call_sid" VARCHAR(64) NOT NULL,
    "role" TEXT NOT NULL,
    "agent_id" TEXT,
    "leg_sid" VARCHAR(64),
    "mode" TEXT,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "held" BOOLEAN NOT NULL DEFAULT false,
    "joined_at" TIMESTAMPTZ(3) NOT NULL,
    "left_at" TIMESTAMPTZ(3),

    CONSTRAINT "call_leg_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "call_leg_call_sid_idx" ON "call_leg"("call_sid");

-- A person is in at most one conference at a time: a supervisor cannot listen to two calls, an
-- agent cannot be consulted while on a call of their own.
CREATE UNIQUE INDEX "call_leg_one_open_per_agent" ON "call_leg"("agent_id") WHERE "left_at" IS NULL AND "agent_id" IS NOT NULL;
-- One caller leg per call.
CREATE UNIQUE INDEX "call_leg_one_caller" ON "call_leg"("call_sid") WHERE "role" = 'caller';
