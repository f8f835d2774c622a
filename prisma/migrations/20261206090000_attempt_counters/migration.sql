-- Abuse limits shared by every server process (issue 15): failed sign-ins per address, per
-- user name and overall, booking-code lookups per agent, per caller ID and overall. One row per
-- counted thing. The key is the limit's name and a SHA-256 of what it counts (an address, a user
-- name, a caller ID), never the value itself; a row is deleted once expires_at has passed.
-- "sliding": the count is forgotten after a quiet period (expires_at moves with every attempt);
-- otherwise it is a fixed window from the first attempt.

-- CreateTable
CREATE TABLE "attempt_counter" (
    "key" VARCHAR(100) NOT NULL,
    "count" INTEGER NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sliding" BOOLEAN NOT NULL,

    CONSTRAINT "attempt_counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "attempt_counter_expires_at_idx" ON "attempt_counter"("expires_at");
