-- Console accounts live in the database: supervisors add, disable and re-enable them and reset
-- passwords on the console's accounts page; the environment only seeds the first supervisor
-- (and, outside production, the demo agents). A disabled account keeps its row, because the
-- audit and the bookings name it, but it cannot sign in and its sessions are deleted.

-- AlterTable
ALTER TABLE "agent" ADD COLUMN "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "agent" ADD COLUMN "disabled_at" TIMESTAMPTZ(3);
ALTER TABLE "agent" ADD COLUMN "password_changed_at" TIMESTAMPTZ(3);

-- A role the code does not know would sign in as neither agent nor supervisor.
ALTER TABLE "agent" ADD CONSTRAINT "agent_role_known" CHECK ("role" IN ('agent', 'supervisor'));

-- The periodic job deletes expired sessions by this column.
CREATE INDEX "agent_session_expires_at_idx" ON "agent_session"("expires_at");
