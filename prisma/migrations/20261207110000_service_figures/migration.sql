-- Agents' state history, for the service figures: handle time (talk + hold + wrap-up per
-- handled conversation) and occupancy need to know how long each agent spent in each state,
-- not just the state they are in now. One row per change, written in the same transaction as
-- the change itself; a day of 50 agents is a few thousand rows.
CREATE TABLE "agent_state_change" (
    "id" SERIAL NOT NULL,
    "agent_id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_state_change_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "agent_state_change_at_idx" ON "agent_state_change"("at");
CREATE INDEX "agent_state_change_agent_id_at_idx" ON "agent_state_change"("agent_id", "at");

ALTER TABLE "agent_state_change" ADD CONSTRAINT "agent_state_change_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The service figures are counted by when a caller joined the queue; the existing index is on
-- (status, enqueued_at), which a day's range over every status cannot use.
CREATE INDEX "queued_call_enqueued_at_idx" ON "queued_call"("enqueued_at");
