-- The invitation campaign per KV region (issue 17): a supervisor's pause and share setting.
-- `paused`: while true, no run of the region starts (by hand, on a supply release or by the
-- scheduler) and no invitation call of the region is placed; the dialler reads this column.

-- CreateTable
CREATE TABLE "campaign_region" (
    "region_id" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "share_percent" INTEGER NOT NULL DEFAULT 70,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_region_pkey" PRIMARY KEY ("region_id")
);

-- ---------------------------------------------------------------------------------------
-- The invitation run's batch (waitlist_assign, see 20261207120000_waitlist), changed in two
-- ways: entries that no longer wait come back as 'not_waiting' (the run reads the region's
-- entries once at its start, so a withdrawal during the run must not look like a full pair),
-- and a letter row's person is found by one index probe instead of a join the planner
-- turned into a rescan of the batch per person. Everything else is as before: slots locked in
-- id order, a row only while its pair has room, slot_within_capacity as the last guard.
-- ---------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION waitlist_assign(
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

  -- Entries no longer waiting (withdrawn, merged, erased, or invited by another run) are named,
  -- so that the run gives their planned pair back instead of taking it for full.
  RETURN QUERY
  SELECT r.id, 'not_waiting'::TEXT FROM unnest(p_entry_ids) AS r(id) LEFT JOIN waitlist_entry e ON e.id = r.id
   WHERE e.id IS NULL OR e.status <> 'waiting';

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
  INSERT INTO person (name_key, name, name_source, birth_date, phone, postcode, street, city, letter)
  SELECT e.name_key, e.name, 'typed', e.birth_date, e.phone, e.postcode, e.street, e.city, TRUE
    FROM unnest(v_entries, v_book) AS r(entry_id, book) JOIN waitlist_entry e ON e.id = r.entry_id
   WHERE r.book
  ON CONFLICT (name_key, birth_date, postcode)
  DO UPDATE SET street = COALESCE(person.street, EXCLUDED.street), city = COALESCE(person.city, EXCLUDED.city), letter = TRUE;
  -- One probe per letter row: joined to the insert's RETURNING, the planner rescanned the batch
  -- for every person (a million rows per batch of 2,000).
  SELECT array_agg(r.entry_id), array_agg(p.id) INTO v_letter_entries, v_letter_persons
    FROM unnest(v_entries, v_book) AS r(entry_id, book)
    JOIN waitlist_entry e ON e.id = r.entry_id
    JOIN person p ON p.name_key = e.name_key AND p.birth_date = e.birth_date AND p.postcode = e.postcode
   WHERE r.book;

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
