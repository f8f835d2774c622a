-- Call-session state as json instead of jsonb: it is stored and read back whole on every
-- webhook and never queried inside, so jsonb's parse-and-rebuild on write and print on read
-- is work without use.
ALTER TABLE "call_session" ALTER COLUMN "state" TYPE JSON USING "state"::json;
