-- Booking codes that work by phone.
--
-- 1. Rebooking keeps the booking's code. Until now a rebooking cancelled the booking and made a
--    new one with a new code, so the code the caller had written down then said "abgesagt".
--    Now the booking row stays and only its pair changes; the audit trail gets a "rebooked"
--    event naming the pair the booking left. The unique indexes on code and keypad_code stay as
--    they are: a code still belongs to exactly one booking row.
-- 2. A caller who lost the code is found by birth date, postcode and the phone number on file:
--    an index on person(birth_date, postcode) makes that one probe instead of a scan of everyone.

-- AlterTable
ALTER TABLE "booking_event" ADD COLUMN "previous_first_slot_id" INTEGER,
ADD COLUMN "previous_second_slot_id" INTEGER,
ADD COLUMN "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "booking_event_idempotency_key_key" ON "booking_event"("idempotency_key");

-- CreateIndex
CREATE INDEX "person_birth_date_postcode_idx" ON "person"("birth_date", "postcode");

-- AddForeignKey
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_previous_first_slot_id_fkey" FOREIGN KEY ("previous_first_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_previous_second_slot_id_fkey" FOREIGN KEY ("previous_second_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma (see sql-only-objects.ts)
-- ---------------------------------------------------------------------------------------

-- The old cancel-and-book-anew rebooking goes; the booking, its person and its code stay.
DROP FUNCTION ledger_rebook(INTEGER, INTEGER, UUID, TIMESTAMPTZ, TEXT, TEXT, TEXT, DATE, TEXT, CHAR(5), TEXT, TEXT, TEXT, CHAR(12), CHAR(12));

-- Moves an active booking to another pair in one statement: the new pair from a live hold or
-- from free capacity, the old pair's places given back, the booking row pointed at the new
-- pair, and a "rebooked" event. Any failure (pair taken, hold expired) leaves the booking on
-- its old pair. A repeated request with the same idempotency key returns the first answer.
CREATE FUNCTION ledger_rebook(
  p_booking_id INTEGER, p_first_slot_id INTEGER, p_hold_id UUID, p_now TIMESTAMPTZ,
  p_channel TEXT, p_agent_id TEXT, p_idempotency_key TEXT)
RETURNS TABLE (booking_id INTEGER, code CHAR(12), replayed BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_old_first INTEGER;
  v_old_second INTEGER;
  v_first INTEGER;
  v_second INTEGER;
BEGIN
  IF p_idempotency_key IS NOT NULL THEN
    RETURN QUERY SELECT b.id, b.code, TRUE FROM booking_event e JOIN booking b ON b.id = e.booking_id
                  WHERE e.idempotency_key = p_idempotency_key;
    IF FOUND THEN RETURN; END IF;
  END IF;

  -- The booking row is the lock two rebookings of one booking queue on.
  SELECT b.first_slot_id, b.second_slot_id INTO v_old_first, v_old_second
    FROM booking b WHERE b.id = p_booking_id AND b.status = 'active' FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'booking_not_active' USING ERRCODE = 'P0001';
  END IF;
  -- The same request may have been waiting for that lock while its twin committed: this
  -- statement sees the twin's event (READ COMMITTED), and answers as it did.
  IF p_idempotency_key IS NOT NULL THEN
    RETURN QUERY SELECT b.id, b.code, TRUE FROM booking_event e JOIN booking b ON b.id = e.booking_id
                  WHERE e.idempotency_key = p_idempotency_key;
    IF FOUND THEN RETURN; END IF;
  END IF;

  IF p_hold_id IS NOT NULL THEN
    DELETE FROM hold h WHERE h.id = p_hold_id AND h.expires_at > p_now
    RETURNING h.first_slot_id, h.second_slot_id INTO v_first, v_second;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'hold_expired' USING ERRCODE = 'P0001';
    END IF;
    -- Both pairs' slot rows, locked in ascending id order like every ledger function.
    PERFORM 1 FROM slot WHERE id IN (v_old_first, v_old_second, v_first, v_second) ORDER BY id FOR UPDATE;
    UPDATE slot SET held = held - 1, booked = booked + 1 WHERE id IN (v_first, v_second);
  ELSE
    PERFORM 1 FROM slot
     WHERE id IN (v_old_first, v_old_second, p_first_slot_id, (SELECT partner_id FROM slot WHERE id = p_first_slot_id))
     ORDER BY id FOR UPDATE;
    UPDATE slot SET booked = booked + 1
     WHERE id = p_first_slot_id AND dose = 1 AND starts_at > p_now AND booked + held < capacity
    RETURNING id, partner_id INTO v_first, v_second;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'slot_taken' USING ERRCODE = 'P0001';
    END IF;
    UPDATE slot SET booked = booked + 1 WHERE id = v_second AND booked + held < capacity;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'slot_taken' USING ERRCODE = 'P0001';
    END IF;
  END IF;

  UPDATE slot SET booked = booked - 1 WHERE id IN (v_old_first, v_old_second);
  UPDATE booking SET first_slot_id = v_first, second_slot_id = v_second WHERE id = p_booking_id;
  INSERT INTO booking_event (booking_id, action, channel, agent_id, previous_first_slot_id, previous_second_slot_id, idempotency_key)
  VALUES (p_booking_id, 'rebooked', p_channel, p_agent_id, v_old_first, v_old_second, p_idempotency_key);
  RETURN QUERY SELECT b.id, b.code, FALSE FROM booking b WHERE b.id = p_booking_id;
END;
$$;
