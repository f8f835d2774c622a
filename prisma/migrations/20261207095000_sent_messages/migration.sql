-- SMS sent through the provider, by its id only: the body (appointment, centre, code) stays
-- in the provider's message log until it is deleted there, and the retention run does that a
-- day after sending (long enough to see a failed delivery). No number, no text here.
CREATE TABLE "sent_message" (
    "sid" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sent_message_pkey" PRIMARY KEY ("sid")
);

CREATE INDEX "sent_message_sent_at_idx" ON "sent_message"("sent_at");
