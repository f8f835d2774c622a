-- The waiting list and the invitation runs (issue 17): register once, be invited with a real
-- pair by priority group and a verifiable lottery, accept or decline before a deadline.

-- CreateTable
CREATE TABLE "waitlist_entry" (
    "id" SERIAL NOT NULL,
    "registration_number" CHAR(10) NOT NULL,
    "name_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "postcode" CHAR(5) NOT NULL,
    "street" TEXT,
    "city" TEXT,
    "phone" TEXT,
    "source" TEXT NOT NULL,
    "registered_by" TEXT NOT NULL,
    "relation" TEXT NOT NULL DEFAULT 'self',
    "language" TEXT NOT NULL DEFAULT 'de',
    "region_id" TEXT NOT NULL,
    "district_id" INTEGER NOT NULL,
    "preferred_centre_id" INTEGER,
    "time_of_day" TEXT NOT NULL DEFAULT 'any',
    "wheelchair" BOOLEAN NOT NULL DEFAULT false,
    "companion" BOOLEAN NOT NULL DEFAULT false,
    "interpreter" BOOLEAN NOT NULL DEFAULT false,
    "home_visit" BOOLEAN NOT NULL DEFAULT false,
    "consent_calls" BOOLEAN NOT NULL DEFAULT false,
    "consent_sms" BOOLEAN NOT NULL DEFAULT false,
    "code_holder" BOOLEAN NOT NULL DEFAULT false,
    "priority_group" SMALLINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "merged_into_id" INTEGER,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "waitlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "waitlist_duplicate" (
    "id" SERIAL NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "other_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "waitlist_duplicate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitation_run" (
    "id" SERIAL NOT NULL,
    "region_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'published',
    "seed" CHAR(64) NOT NULL,
    "seed_hash" CHAR(64) NOT NULL,
    "list_hash" CHAR(64) NOT NULL,
    "frozen_list" TEXT NOT NULL,
    "entries" INTEGER NOT NULL,
    "share_percent" INTEGER NOT NULL,
    "deadline_hours" INTEGER NOT NULL,
    "free_pairs" INTEGER NOT NULL DEFAULT 0,
    "budget" INTEGER NOT NULL DEFAULT 0,
    "invited" INTEGER NOT NULL DEFAULT 0,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "invitation_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "waitlist_invitation" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "entry_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "centre_id" INTEGER NOT NULL,
    "first_slot_id" INTEGER NOT NULL,
    "second_slot_id" INTEGER NOT NULL,
    "hold_id" UUID,
    "booking_id" INTEGER,
    "status" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "waitlist_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entry_registration_number_key" ON "waitlist_entry"("registration_number");

-- CreateIndex
CREATE INDEX "waitlist_entry_birth_date_postcode_idx" ON "waitlist_entry"("birth_date", "postcode");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_duplicate_entry_id_other_id_key" ON "waitlist_duplicate"("entry_id", "other_id");

-- CreateIndex
CREATE INDEX "waitlist_duplicate_other_id_idx" ON "waitlist_duplicate"("other_id");

-- CreateIndex
CREATE INDEX "invitation_run_region_id_created_at_idx" ON "invitation_run"("region_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_invitation_run_id_entry_id_key" ON "waitlist_invitation"("run_id", "entry_id");

-- CreateIndex
CREATE INDEX "waitlist_invitation_entry_id_idx" ON "waitlist_invitation"("entry_id");

-- AddForeignKey
ALTER TABLE "waitlist_duplicate" ADD CONSTRAINT "waitlist_duplicate_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "waitlist_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_duplicate" ADD CONSTRAINT "waitlist_duplicate_other_id_fkey" FOREIGN KEY ("other_id") REFERENCES "waitlist_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_invitation" ADD CONSTRAINT "waitlist_invitation_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "invitation_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_invitation" ADD CONSTRAINT "waitlist_invitation_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "waitlist_entry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma (see sql-only-objects.ts).
-- ---------------------------------------------------------------------------------------

ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_status_known"
  CHECK ("status" IN ('waiting', 'invited', 'booked', 'declined', 'withdrawn', 'merged'));
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_time_of_day_known" CHECK ("time_of_day" IN ('any', 'morning', 'afternoon'));
ALTER TABLE "waitlist_duplicate" ADD CONSTRAINT "waitlist_duplicate_status_known" CHECK ("status" IN ('open', 'merged', 'apart'));
ALTER TABLE "invitation_run" ADD CONSTRAINT "invitation_run_status_known" CHECK ("status" IN ('published', 'finished'));
ALTER TABLE "waitlist_invitation" ADD CONSTRAINT "waitlist_invitation_status_known"
  CHECK ("status" IN ('invited', 'accepted', 'declined', 'expired', 'booked'));

-- One active entry per person (the ledger's person key: normalised name, birth date, postcode);
-- a second registration, by phone or from the register, finds the first instead.
CREATE UNIQUE INDEX "waitlist_entry_one_active_per_person" ON "waitlist_entry"("name_key", "birth_date", "postcode")
  WHERE "status" IN ('waiting', 'invited');

-- The expiry sweep reads only open invitations.
CREATE INDEX "waitlist_invitation_open_deadline_idx" ON "waitlist_invitation"("deadline") WHERE "status" = 'invited';

-- Assigns one batch of an invitation run in one statement. Each row names the first-dose slot
-- the run chose; the slots are locked in ascending id order (as every ledger function does),
-- and a row is assigned only while its pair still has room, its entry still waits and its
-- person holds no active booking. Rows for people reached by letter are booked straight away
-- (the booking code comes with the row; a code that exists already, or a person booked
-- meanwhile, makes the booking insert skip that row, and the run retries it), the others become
-- a hold owned by "waitlist:<entry>" that expires at the deadline. What is not returned was not
-- assigned. slot_within_capacity keeps overbooking impossible even if this function were wrong.
-- Every lookup goes through an index or the batch's own rows: nothing here scans a table that
-- grows with the run (person, booking), whatever the statistics say.
CREATE FUNCTION waitlist_assign(
  p_run_id INTEGER, p_entry_ids INTEGER[], p_positions INTEGER[], p_first_slot_ids INTEGER[], p_hold_ids UUID[],
  p_book BOOLEAN[], p_codes TEXT[], p_keypad_codes TEXT[], p_deadline TIMESTAMPTZ, p_not_before TIMESTAMPTZ,
  p_book_not_before TIMESTAMPTZ, p_now TIMESTAMPTZ)
RETURNS TABLE (entry_id INTEGER, outcome TEXT)
LANGUAGE plpgsql
-- person and booking grow by a batch's letters with every call, far faster than statistics
-- follow (autovacuum analyses after a tenth of a table changed): planned from the statistics of
-- the run's start, the check for people booked meanwhile scanned every person row for every
-- entry (bench:invitations: 121 s for 100,000 assignments). Index probes are right at any size.
SET enable_seqscan = off
AS $$
#variable_conflict use_column
DECLARE
  v_entries INTEGER[];
  v_positions INTEGER[];
  v_firsts INTEGER[];
  v_seconds INTEGER[];
  v_holds UUID[];
  v_book BOOLEAN[];
  v_codes TEXT[];
  v_keypads TEXT[];
  v_letter_entries INTEGER[];
  v_letter_persons INTEGER[];
  v_booked_entries INTEGER[];
  v_booking_ids INTEGER[];
  v_bookings INTEGER[];
BEGIN
  PERFORM 1 FROM slot
   WHERE id IN (SELECT unnest(p_first_slot_ids) UNION SELECT s.partner_id FROM slot s WHERE s.id = ANY (p_first_slot_ids))
   ORDER BY id FOR UPDATE;
  PERFORM 1 FROM waitlist_entry e WHERE e.id = ANY (p_entry_ids) ORDER BY e.id FOR UPDATE;

  -- People booked meanwhile (by phone or an agent) leave the list instead of being invited. One
  -- probe per entry (a LATERAL with LIMIT is never turned into a join): as a semi join the
  -- planner compared every entry with every active booking, 9 million comparisons per batch.
  SELECT array_agg(e.id) INTO v_booked_entries
    FROM waitlist_entry e
   CROSS JOIN LATERAL (
     SELECT 1 FROM person p JOIN booking b ON b.person_id = p.id AND b.status = 'active'
      WHERE p.name_key = e.name_key AND p.birth_date = e.birth_date AND p.postcode = e.postcode LIMIT 1) AS booked
   WHERE e.id = ANY (p_entry_ids) AND e.status = 'waiting';
  IF v_booked_entries IS NOT NULL THEN
    RETURN QUERY
    UPDATE waitlist_entry e SET status = 'booked', updated_at = p_now
     WHERE e.id = ANY (v_booked_entries)
    RETURNING e.id, 'already_booked'::TEXT;
  END IF;

  SELECT array_agg(x.entry_id ORDER BY x.ord), array_agg(x.pos ORDER BY x.ord), array_agg(x.first_id ORDER BY x.ord),
         array_agg(x.second_id ORDER BY x.ord), array_agg(x.hold_id ORDER BY x.ord), array_agg(x.book ORDER BY x.ord),
         array_agg(x.code ORDER BY x.ord), array_agg(x.keypad ORDER BY x.ord)
    INTO v_entries, v_positions, v_firsts, v_seconds, v_holds, v_book, v_codes, v_keypads
    FROM (
      SELECT r.*, f.partner_id AS second_id,
             least(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held) AS free,
             row_number() OVER (PARTITION BY r.first_id ORDER BY r.ord) AS k
        FROM unnest(p_entry_ids, p_positions, p_first_slot_ids, p_hold_ids, p_book, p_codes, p_keypad_codes)
             WITH ORDINALITY AS r(entry_id, pos, first_id, hold_id, book, code, keypad, ord)
        JOIN slot f ON f.id = r.first_id AND f.dose = 1
         AND f.starts_at >= CASE WHEN r.book THEN p_book_not_before ELSE p_not_before END
        JOIN slot s ON s.id = f.partner_id
        JOIN waitlist_entry e ON e.id = r.entry_id AND e.status = 'waiting'
    ) x
   WHERE x.k <= x.free;

  IF v_entries IS NULL THEN
    RETURN;
  END IF;

  -- Letters: the person as the ledger knows them (found again through the unique person key) ...
  WITH people AS (
    INSERT INTO person (name_key, name, name_source, birth_date, phone, postcode, street, city, letter)
    SELECT e.name_key, e.name, 'typed', e.birth_date, e.phone, e.postcode, e.street, e.city, TRUE
      FROM unnest(v_entries, v_book) AS r(entry_id, book) JOIN waitlist_entry e ON e.id = r.entry_id
     WHERE r.book
    ON CONFLICT (name_key, birth_date, postcode)
    DO UPDATE SET street = COALESCE(person.street, EXCLUDED.street), city = COALESCE(person.city, EXCLUDED.city), letter = TRUE
    RETURNING person.id, person.name_key, person.birth_date, person.postcode
  )
  SELECT array_agg(l.entry_id), array_agg(people.id) INTO v_letter_entries, v_letter_persons
    FROM people JOIN (
      SELECT r.entry_id, e.name_key, e.birth_date, e.postcode
        FROM unnest(v_entries, v_book) AS r(entry_id, book) JOIN waitlist_entry e ON e.id = r.entry_id WHERE r.book
    ) l ON l.name_key = people.name_key AND l.birth_date = people.birth_date AND l.postcode = people.postcode;

  -- ... then the booking and its audit event. A taken code or keypad form, or an active booking
  -- of the person, is a unique violation the insert skips.
  WITH made AS (
    INSERT INTO booking (code, keypad_code, person_id, first_slot_id, second_slot_id, channel, agent_id, idempotency_key)
    SELECT r.code, r.keypad, l.person_id, r.first_id, r.second_id, 'invitation', 'run:' || p_run_id,
           'invitation:' || p_run_id || ':' || r.entry_id
      FROM unnest(v_entries, v_firsts, v_seconds, v_book, v_codes, v_keypads) AS r(entry_id, first_id, second_id, book, code, keypad)
      JOIN unnest(v_letter_entries, v_letter_persons) AS l(entry_id, person_id) ON l.entry_id = r.entry_id
     WHERE r.book
    ON CONFLICT DO NOTHING
    RETURNING booking.id, booking.idempotency_key
  ), events AS (
    INSERT INTO booking_event (booking_id, action, channel, agent_id)
    SELECT made.id, 'booked', 'invitation', 'run:' || p_run_id FROM made
  )
  SELECT array_agg(split_part(made.idempotency_key, ':', 3)::INTEGER), array_agg(made.id) INTO v_booked_entries, v_booking_ids
    FROM made;

  -- Letter rows whose booking was skipped are not assigned.
  SELECT array_agg(r.entry_id ORDER BY r.ord), array_agg(r.pos ORDER BY r.ord), array_agg(r.first_id ORDER BY r.ord),
         array_agg(r.second_id ORDER BY r.ord), array_agg(r.hold_id ORDER BY r.ord), array_agg(r.book ORDER BY r.ord),
         array_agg(b.booking_id ORDER BY r.ord)
    INTO v_entries, v_positions, v_firsts, v_seconds, v_holds, v_book, v_bookings
    FROM unnest(v_entries, v_positions, v_firsts, v_seconds, v_holds, v_book) WITH ORDINALITY AS r(entry_id, pos, first_id, second_id, hold_id, book, ord)
    LEFT JOIN unnest(v_booked_entries, v_booking_ids) AS b(entry_id, booking_id) ON b.entry_id = r.entry_id
   WHERE NOT r.book OR b.booking_id IS NOT NULL;

  IF v_entries IS NULL THEN
    RETURN;
  END IF;

  UPDATE slot SET held = slot.held + c.held, booked = slot.booked + c.booked
    FROM (SELECT u.slot_id, count(*) FILTER (WHERE NOT u.book)::INTEGER AS held, count(*) FILTER (WHERE u.book)::INTEGER AS booked
            FROM (SELECT * FROM unnest(v_firsts, v_book) UNION ALL SELECT * FROM unnest(v_seconds, v_book)) AS u(slot_id, book)
           GROUP BY u.slot_id) AS c
   WHERE slot.id = c.slot_id;

  INSERT INTO hold (id, first_slot_id, second_slot_id, owner, expires_at)
  SELECT r.hold_id, r.first_id, r.second_id, 'waitlist:' || r.entry_id, p_deadline
    FROM unnest(v_entries, v_firsts, v_seconds, v_holds, v_book) AS r(entry_id, first_id, second_id, hold_id, book)
   WHERE NOT r.book;

  INSERT INTO waitlist_invitation (run_id, entry_id, position, centre_id, first_slot_id, second_slot_id, hold_id, booking_id, status, deadline)
  SELECT p_run_id, r.entry_id, r.pos, f.centre_id, r.first_id, r.second_id,
         CASE WHEN r.book THEN NULL ELSE r.hold_id END, r.booking_id,
         CASE WHEN r.book THEN 'booked' ELSE 'invited' END, CASE WHEN r.book THEN NULL ELSE p_deadline END
    FROM unnest(v_entries, v_positions, v_firsts, v_seconds, v_holds, v_book, v_bookings)
         AS r(entry_id, pos, first_id, second_id, hold_id, book, booking_id)
    JOIN slot f ON f.id = r.first_id;

  RETURN QUERY
  UPDATE waitlist_entry e SET status = CASE WHEN r.book THEN 'booked' ELSE 'invited' END, updated_at = p_now
    FROM unnest(v_entries, v_book) AS r(entry_id, book)
   WHERE e.id = r.entry_id
  RETURNING e.id, CASE WHEN r.book THEN 'booked' ELSE 'invited' END;
END;
$$;

-- Ends open invitations whose deadline has passed: the hold goes back (if the ledger's sweep
-- has not given it back already) and the entry waits for the next run. Returns how many.
CREATE FUNCTION waitlist_expire(p_now TIMESTAMPTZ)
RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  v_slots INTEGER[];
  v_count INTEGER;
BEGIN
  WITH gone AS (
    UPDATE waitlist_invitation i SET status = 'expired', decided_at = p_now
     WHERE i.status = 'invited' AND i.deadline <= p_now
    RETURNING i.entry_id, i.hold_id
  ), back AS (
    UPDATE waitlist_entry e SET status = 'waiting', updated_at = p_now
      FROM gone WHERE e.id = gone.entry_id AND e.status = 'invited'
  ), freed AS (
    DELETE FROM hold h USING gone WHERE h.id = gone.hold_id
    RETURNING h.first_slot_id, h.second_slot_id
  )
  SELECT (SELECT count(*)::INTEGER FROM gone),
         (SELECT array_agg(s) FROM freed, LATERAL (VALUES (freed.first_slot_id), (freed.second_slot_id)) AS v(s))
    INTO v_count, v_slots;
  -- The places go back with the ledger's own function, slots locked in id order.
  PERFORM ledger_give_back_places(v_slots);
  RETURN v_count;
END;
$$;
