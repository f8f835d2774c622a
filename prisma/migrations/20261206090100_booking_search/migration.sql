-- Agents find a booking by name, birth date and postcode: birth date and postcode narrow
-- about 1.4 million persons to a handful, whose names are then compared. (The branch that lets
-- callers find a lost code by birth date and postcode creates the same index in a migration
-- stamped earlier; IF NOT EXISTS makes this one a no-op after it.)
CREATE INDEX IF NOT EXISTS "person_birth_date_postcode_idx" ON "person"("birth_date", "postcode");
