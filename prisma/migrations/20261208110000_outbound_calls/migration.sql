-- The outbound scheduler's tasks: every call the system places by itself (invitations now;
-- reminders, standby and rebooking calls next). Callbacks keep callback_request.
CREATE TABLE "outbound_call" (
    "id" SERIAL NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "subject_id" VARCHAR(64) NOT NULL,
    "phone" TEXT NOT NULL,
    "language" VARCHAR(5) NOT NULL,
    "priority" SMALLINT NOT NULL,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "not_after" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "last_outcome" TEXT,
    "claimed_by" TEXT,
    "claim_token" UUID,
    "lease_until" TIMESTAMPTZ(3),
    "call_sid" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_call_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbound_call_kind_subject_id_key" ON "outbound_call"("kind", "subject_id");

-- CreateIndex
CREATE INDEX "outbound_call_status_priority_not_before_idx" ON "outbound_call"("status", "priority", "not_before");

-- CreateIndex
CREATE INDEX "outbound_call_call_sid_idx" ON "outbound_call"("call_sid");

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma (see sql-only-objects.ts).
-- ---------------------------------------------------------------------------------------

ALTER TABLE "outbound_call" ADD CONSTRAINT "outbound_call_status_known"
  CHECK ("status" IN ('pending', 'claimed', 'dialling', 'done', 'gave-up', 'cancelled', 'expired'));
