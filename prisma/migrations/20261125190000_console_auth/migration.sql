-- Sign-in for agents and supervisors: scrypt password hashes on the agent, and sessions
-- stored server-side (only a hash of the cookie's token), valid on every server process.

-- AlterTable
ALTER TABLE "agent" ADD COLUMN "password_hash" TEXT;

-- CreateTable
CREATE TABLE "agent_session" (
    "token_hash" VARCHAR(64) NOT NULL,
    "agent_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "agent_session_agent_id_idx" ON "agent_session"("agent_id");

-- AddForeignKey
ALTER TABLE "agent_session" ADD CONSTRAINT "agent_session_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
