-- Call state of the phone menu, kept on the server and keyed by Twilio's CallSid, so that a
-- restart mid-call or the next webhook landing on another process continues the call.

-- CreateTable
CREATE TABLE "call_session" (
    "call_sid" VARCHAR(64) NOT NULL,
    "step" TEXT NOT NULL,
    "language" VARCHAR(5) NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "last_request_key" TEXT,
    "last_response" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "call_session_pkey" PRIMARY KEY ("call_sid")
);

-- CreateIndex
CREATE INDEX "call_session_ended_at_idx" ON "call_session"("ended_at");
