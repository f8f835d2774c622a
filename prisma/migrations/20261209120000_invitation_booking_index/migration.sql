-- The letters' print batch asks, for every booking, whether it came from a waiting-list
-- invitation (sql-letter-store.ts: waitlist_invitation by booking_id). Without an index that
-- was a scan of every invitation per booking: with 20,000 letters after a run of 80,000
-- invitations the day's batch did not finish in minutes (docs/benchmarks.md).

-- CreateIndex
CREATE INDEX "waitlist_invitation_booking_id_idx" ON "waitlist_invitation"("booking_id");
