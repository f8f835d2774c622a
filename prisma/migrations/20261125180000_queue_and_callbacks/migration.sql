-- Agents (their state paces callbacks and feeds the wait estimate), calls waiting in the
-- agent queue with the context gathered so far, and the durable, fair callback queue.

-- CreateTable
CREATE TABLE "agent" (
    "id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'agent',
    "state" TEXT NOT NULL DEFAULT 'offline',
    "state_since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_call_sid" TEXT,
    "current_callback_id" INTEGER,

    CONSTRAINT "agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queued_call" (
    "call_sid" VARCHAR(64) NOT NULL,
    "queue" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "language" VARCHAR(5) NOT NULL,
    "phone" TEXT,
    "reason" TEXT NOT NULL,
    "context" JSONB NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL,
    "estimate_min_minutes" INTEGER,
    "estimate_max_minutes" INTEGER,
    "left_at" TIMESTAMPTZ(3),
    "wait_seconds" INTEGER,
    "result" TEXT,
    "agent_id" TEXT,
    "bridged_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "queued_call_pkey" PRIMARY KEY ("call_sid")
);

-- CreateTable
CREATE TABLE "callback_request" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "phone_source" TEXT NOT NULL,
    "language" VARCHAR(5) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "priority_group" SMALLINT NOT NULL,
    "release_window" TIMESTAMPTZ(3) NOT NULL,
    "random_rank" DOUBLE PRECISION NOT NULL,
    "birth_year" INTEGER,
    "has_code" BOOLEAN NOT NULL DEFAULT false,
    "first_contact_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "claim_token" UUID,
    "lease_until" TIMESTAMPTZ(3),
    "hold_id" UUID,
    "hold_expires_at" TIMESTAMPTZ(3),
    "context" JSONB NOT NULL,
    "outcome" TEXT,
    "notes" TEXT,
    "final_notice" TEXT,
    "origin_call_sid" TEXT,
    "journal_id" TEXT,
    "window_from" TIMESTAMPTZ(3),
    "window_to" TIMESTAMPTZ(3),
    "dialled_call_sid" TEXT,
    "done_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_attempt" (
    "id" SERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "claimed_by" TEXT NOT NULL,
    "call_sid" TEXT,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "callback_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callback_attempt_request_id_idx" ON "callback_attempt"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "callback_attempt_call_sid_key" ON "callback_attempt"("call_sid");

-- AddForeignKey
ALTER TABLE "callback_attempt" ADD CONSTRAINT "callback_attempt_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "callback_request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "agent_state_idx" ON "agent"("state");

-- CreateIndex
CREATE INDEX "queued_call_status_enqueued_at_idx" ON "queued_call"("status", "enqueued_at");

-- CreateIndex
CREATE INDEX "queued_call_left_at_idx" ON "queued_call"("left_at");

-- CreateIndex
CREATE UNIQUE INDEX "callback_request_journal_id_key" ON "callback_request"("journal_id");

-- CreateIndex
CREATE INDEX "callback_request_status_next_attempt_at_idx" ON "callback_request"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "callback_request_status_lease_until_idx" ON "callback_request"("status", "lease_until");

-- CreateIndex
CREATE INDEX "callback_request_phone_idx" ON "callback_request"("phone");

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma (see sql-only-objects.ts).
-- ---------------------------------------------------------------------------------------

ALTER TABLE "agent" ADD CONSTRAINT "agent_state_known" CHECK ("state" IN ('available', 'on-call', 'wrap-up', 'break', 'offline'));
ALTER TABLE "queued_call" ADD CONSTRAINT "queued_call_status_known" CHECK ("status" IN ('waiting', 'bridged', 'left'));
ALTER TABLE "callback_request" ADD CONSTRAINT "callback_request_status_known" CHECK ("status" IN ('pending', 'claimed', 'dialling', 'done', 'failed', 'expired'));

-- One open callback per telephone number: a caller who rings three times is queued once.
CREATE UNIQUE INDEX "callback_request_one_open_per_phone" ON "callback_request"("phone") WHERE "status" IN ('pending', 'claimed', 'dialling');

-- The claim order: priority group, then release window, then the random rank inside it.
-- next_attempt_at last, so retries that are not due yet are skipped inside the index.
CREATE INDEX "callback_request_claim_order_idx" ON "callback_request"("priority_group", "release_window", "random_rank", "next_attempt_at") WHERE "status" = 'pending';

-- A hold can be moved to a callback request (kept until the callback is due), or its expiry changed.
CREATE FUNCTION ledger_extend_hold(p_hold_id UUID, p_owner TEXT, p_expires_at TIMESTAMPTZ, p_now TIMESTAMPTZ)
RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE hold SET owner = p_owner, expires_at = p_expires_at WHERE id = p_hold_id AND expires_at > p_now;
  RETURN FOUND;
END;
$$;
