-- Calls are offered, not pulled: the longest-idle available agent who speaks the caller's
-- language gets an offer that rings for a limited time; an agent has at most one conversation
-- (an inbound call or a callback) and wraps it up with an outcome before the next.

-- AlterTable: the languages an agent speaks (routing), and why they are not ready ("break").
ALTER TABLE "agent" ADD COLUMN "languages" TEXT[] DEFAULT ARRAY['de']::TEXT[];
ALTER TABLE "agent" ADD COLUMN "not_ready_reason" TEXT;

-- CreateTable: one row per offer; the partial unique indexes below make "one open offer per
-- agent, per call and per callback" the database's rule, so two server processes routing at
-- once cannot ring two agents for one caller or one agent twice.
CREATE TABLE "agent_offer" (
    "id" SERIAL NOT NULL,
    "agent_id" TEXT NOT NULL,
    "call_sid" VARCHAR(64),
    "callback_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "offered_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "agent_offer_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "agent_offer_status_expires_at_idx" ON "agent_offer"("status", "expires_at");
CREATE INDEX "agent_offer_agent_id_idx" ON "agent_offer"("agent_id");
CREATE UNIQUE INDEX "agent_offer_one_open_per_agent" ON "agent_offer"("agent_id") WHERE "status" = 'open';
CREATE UNIQUE INDEX "agent_offer_one_open_per_call" ON "agent_offer"("call_sid") WHERE "status" = 'open';
CREATE UNIQUE INDEX "agent_offer_one_open_per_callback" ON "agent_offer"("callback_id") WHERE "status" = 'open';

-- CreateTable: an agent's conversation from answer (or claim) to the end of its wrap-up.
-- booking_floor is the highest booking id when it started: "booked" needs a booking of this
-- agent above it (ids, not times, because the ledger stamps bookings with the database's clock).
CREATE TABLE "conversation" (
    "id" SERIAL NOT NULL,
    "agent_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "call_sid" VARCHAR(64),
    "callback_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "dialled_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "wrap_up_until" TIMESTAMPTZ(3),
    "wrap_up_extended" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "note" TEXT,
    "booking_floor" INTEGER NOT NULL DEFAULT 0,
    "booking_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "conversation_agent_id_started_at_idx" ON "conversation"("agent_id", "started_at");
CREATE INDEX "conversation_wrap_up_until_idx" ON "conversation"("wrap_up_until");
-- At most one open conversation per agent, whatever the application does.
CREATE UNIQUE INDEX "conversation_one_open_per_agent" ON "conversation"("agent_id") WHERE "closed_at" IS NULL;
