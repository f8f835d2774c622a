-- The phone menu's hot path, measured by bench:ivr.

-- Holds the earliest free pair of a centre in one statement. The offer step used to read
-- candidates and then hold one (two round trips or more when a candidate was snapped up).
-- Rows locked by another booking or hold right now are skipped, so concurrent callers of the
-- same centre spread over the next pairs instead of queueing on one; only when every free
-- candidate is locked does it wait, candidate by candidate, in the ledger's lock order
-- (ascending slot id), so "full" is never said while a pair is free.
CREATE FUNCTION ledger_hold_earliest(
  p_centre_id INTEGER, p_hold_id UUID, p_owner TEXT, p_expires_at TIMESTAMPTZ, p_not_before TIMESTAMPTZ, p_replace_hold_id UUID)
RETURNS TABLE (first_slot_id INTEGER, second_slot_id INTEGER, first_starts_at TIMESTAMPTZ, second_starts_at TIMESTAMPTZ)
LANGUAGE plpgsql AS $$
DECLARE
  v_first INTEGER;
  v_second INTEGER;
  v_candidate RECORD;
BEGIN
  IF p_replace_hold_id IS NOT NULL THEN
    PERFORM ledger_release_holds(p_replace_hold_id, NULL, NULL);
  END IF;

  SELECT f.id, s.id INTO v_first, v_second
    FROM slot f JOIN slot s ON s.id = f.partner_id
   WHERE f.centre_id = p_centre_id AND f.dose = 1 AND f.booked + f.held < f.capacity
     AND f.starts_at >= p_not_before AND s.booked + s.held < s.capacity
   ORDER BY f.starts_at, f.id
   LIMIT 1
     FOR UPDATE OF f, s SKIP LOCKED;

  IF NOT FOUND THEN
    FOR v_candidate IN
      SELECT f.id AS first_id, s.id AS second_id
        FROM slot f JOIN slot s ON s.id = f.partner_id
       WHERE f.centre_id = p_centre_id AND f.dose = 1 AND f.booked + f.held < f.capacity
         AND f.starts_at >= p_not_before AND s.booked + s.held < s.capacity
       ORDER BY f.starts_at, f.id
       LIMIT 5
    LOOP
      PERFORM 1 FROM slot WHERE id IN (v_candidate.first_id, v_candidate.second_id) ORDER BY id FOR UPDATE;
      IF (SELECT bool_and(booked + held < capacity) FROM slot WHERE id IN (v_candidate.first_id, v_candidate.second_id)) THEN
        v_first := v_candidate.first_id;
        v_second := v_candidate.second_id;
        EXIT;
      END IF;
    END LOOP;
    IF v_first IS NULL THEN
      RETURN;
    END IF;
  END IF;

  UPDATE slot SET held = held + 1 WHERE id IN (v_first, v_second);
  INSERT INTO hold (id, first_slot_id, second_slot_id, owner, expires_at)
  VALUES (p_hold_id, v_first, v_second, p_owner, p_expires_at);
  RETURN QUERY SELECT f.id, s.id, f.starts_at, s.starts_at FROM slot f, slot s WHERE f.id = v_first AND s.id = v_second;
END;
$$;

-- Gives held places back to their slots (one place per occurrence of a slot id), locking the
-- slots in ascending id order like every ledger function; returns how many slots changed.
CREATE FUNCTION ledger_give_back_places(p_slots INTEGER[])
RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  v_count INTEGER;
BEGIN
  IF p_slots IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM slot WHERE id = ANY (p_slots) ORDER BY id FOR UPDATE;
  UPDATE slot SET held = held - places.n
    FROM (SELECT s AS slot_id, count(*)::INTEGER AS n FROM unnest(p_slots) AS s GROUP BY s) AS places
   WHERE slot.id = places.slot_id;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END;
$$;

-- The same release as before, its second half now shared with ledger_release_holds_of.
CREATE OR REPLACE FUNCTION ledger_release_holds(p_hold_id UUID, p_owner TEXT, p_expired_before TIMESTAMPTZ)
RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  v_slots INTEGER[];
BEGIN
  WITH gone AS (
    DELETE FROM hold
     WHERE (p_hold_id IS NOT NULL AND id = p_hold_id)
        OR (p_owner IS NOT NULL AND owner = p_owner)
        OR (p_expired_before IS NOT NULL AND expires_at <= p_expired_before)
    RETURNING hold.first_slot_id, hold.second_slot_id
  )
  SELECT array_agg(s) INTO v_slots FROM gone, LATERAL (VALUES (gone.first_slot_id), (gone.second_slot_id)) AS v(s);
  RETURN ledger_give_back_places(v_slots);
END;
$$;

-- Releases the holds of several calls at once (the ends of calls arriving together), with all
-- their slots locked in id order in one go: releasing call by call would lock slots in call
-- order, and two such batches could deadlock over a popular slot.
CREATE FUNCTION ledger_release_holds_of(p_owners TEXT[])
RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  v_slots INTEGER[];
BEGIN
  WITH gone AS (
    DELETE FROM hold WHERE owner = ANY (p_owners)
    RETURNING hold.first_slot_id, hold.second_slot_id
  )
  SELECT array_agg(s) INTO v_slots FROM gone, LATERAL (VALUES (gone.first_slot_id), (gone.second_slot_id)) AS v(s);
  RETURN ledger_give_back_places(v_slots);
END;
$$;

-- Every webhook rewrites its call's row: room on each page lets PostgreSQL update in place
-- (a HOT update, no index entry), which bench:ivr found for only three updates in four.
ALTER TABLE "call_session" SET (fillfactor = 70);
