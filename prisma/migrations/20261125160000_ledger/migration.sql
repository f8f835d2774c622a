-- The slot ledger: reference data, supply, slots, holds, persons, bookings and their audit.
-- Written in the form `prisma migrate dev` produces for prisma/schema.prisma, followed by what
-- Prisma's schema language cannot say (check constraints, partial indexes, SQL functions).

-- CreateTable
CREATE TABLE "kv_region" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "kv_region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "district" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "regierungsbezirk" TEXT NOT NULL,
    "region_id" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,

    CONSTRAINT "district_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "centre" (
    "id" SERIAL NOT NULL,
    "district_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "street" TEXT,
    "postcode" CHAR(5),
    "city" TEXT NOT NULL,
    "opens_at" VARCHAR(5) NOT NULL,
    "closes_at" VARCHAR(5) NOT NULL,
    "lanes" INTEGER NOT NULL,

    CONSTRAINT "centre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "postcode" (
    "code" CHAR(5) NOT NULL,
    "district_name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "places" TEXT[],
    "district_id" INTEGER,

    CONSTRAINT "postcode_pkey" PRIMARY KEY ("code","district_name")
);

-- CreateTable
CREATE TABLE "vaccine" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "second_dose_after_days" INTEGER NOT NULL,

    CONSTRAINT "vaccine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supply_release" (
    "id" SERIAL NOT NULL,
    "region_id" TEXT NOT NULL,
    "vaccine_id" TEXT NOT NULL,
    "week_start" DATE NOT NULL,
    "doses" INTEGER NOT NULL,
    "pairs" INTEGER NOT NULL,
    "released_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supply_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot" (
    "id" SERIAL NOT NULL,
    "centre_id" INTEGER NOT NULL,
    "vaccine_id" TEXT NOT NULL,
    "release_id" INTEGER NOT NULL,
    "dose" SMALLINT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "partner_id" INTEGER,

    CONSTRAINT "slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hold" (
    "id" UUID NOT NULL,
    "first_slot_id" INTEGER NOT NULL,
    "second_slot_id" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" SERIAL NOT NULL,
    "name_key" TEXT NOT NULL,
    "name" TEXT,
    "name_recording_url" TEXT,
    "birth_date" DATE NOT NULL,
    "phone" TEXT,
    "postcode" CHAR(5) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" SERIAL NOT NULL,
    "code" CHAR(12) NOT NULL,
    "keypad_code" CHAR(12) NOT NULL,
    "person_id" INTEGER NOT NULL,
    "first_slot_id" INTEGER NOT NULL,
    "second_slot_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "channel" TEXT NOT NULL,
    "agent_id" TEXT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking_event" (
    "id" SERIAL NOT NULL,
    "booking_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "agent_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "kv_region_name_key" ON "kv_region"("name");

-- CreateIndex
CREATE UNIQUE INDEX "district_name_key" ON "district"("name");

-- CreateIndex
CREATE INDEX "district_region_id_idx" ON "district"("region_id");

-- CreateIndex
CREATE UNIQUE INDEX "centre_district_id_key" ON "centre"("district_id");

-- CreateIndex
CREATE INDEX "postcode_district_id_idx" ON "postcode"("district_id");

-- CreateIndex
CREATE INDEX "supply_release_region_id_week_start_idx" ON "supply_release"("region_id", "week_start");

-- CreateIndex
CREATE UNIQUE INDEX "slot_partner_id_key" ON "slot"("partner_id");

-- CreateIndex
CREATE INDEX "slot_centre_id_dose_starts_at_idx" ON "slot"("centre_id", "dose", "starts_at");

-- CreateIndex
CREATE INDEX "slot_release_id_idx" ON "slot"("release_id");

-- CreateIndex
CREATE INDEX "hold_expires_at_idx" ON "hold"("expires_at");

-- CreateIndex
CREATE INDEX "hold_owner_idx" ON "hold"("owner");

-- CreateIndex
CREATE UNIQUE INDEX "person_name_key_birth_date_postcode_key" ON "person"("name_key", "birth_date", "postcode");

-- CreateIndex
CREATE UNIQUE INDEX "booking_code_key" ON "booking"("code");

-- CreateIndex
CREATE UNIQUE INDEX "booking_keypad_code_key" ON "booking"("keypad_code");

-- CreateIndex
CREATE UNIQUE INDEX "booking_idempotency_key_key" ON "booking"("idempotency_key");

-- CreateIndex
CREATE INDEX "booking_person_id_idx" ON "booking"("person_id");

-- CreateIndex
CREATE INDEX "booking_first_slot_id_idx" ON "booking"("first_slot_id");

-- CreateIndex
CREATE INDEX "booking_second_slot_id_idx" ON "booking"("second_slot_id");

-- CreateIndex
CREATE INDEX "booking_created_at_idx" ON "booking"("created_at");

-- CreateIndex
CREATE INDEX "booking_event_booking_id_idx" ON "booking_event"("booking_id");

-- AddForeignKey
ALTER TABLE "district" ADD CONSTRAINT "district_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "kv_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "centre" ADD CONSTRAINT "centre_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "postcode" ADD CONSTRAINT "postcode_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "district"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_release" ADD CONSTRAINT "supply_release_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "kv_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supply_release" ADD CONSTRAINT "supply_release_vaccine_id_fkey" FOREIGN KEY ("vaccine_id") REFERENCES "vaccine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_centre_id_fkey" FOREIGN KEY ("centre_id") REFERENCES "centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_vaccine_id_fkey" FOREIGN KEY ("vaccine_id") REFERENCES "vaccine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "supply_release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "slot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hold" ADD CONSTRAINT "hold_first_slot_id_fkey" FOREIGN KEY ("first_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hold" ADD CONSTRAINT "hold_second_slot_id_fkey" FOREIGN KEY ("second_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_first_slot_id_fkey" FOREIGN KEY ("first_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_second_slot_id_fkey" FOREIGN KEY ("second_slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_event" ADD CONSTRAINT "booking_event_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------
-- Beyond schema.prisma: the database itself enforces the ledger (see sql-only-objects.ts).
-- ---------------------------------------------------------------------------------------

-- A slot never holds more people than its capacity, whatever the application does.
ALTER TABLE "slot" ADD CONSTRAINT "slot_within_capacity" CHECK ("booked" >= 0 AND "held" >= 0 AND "booked" + "held" <= "capacity");
ALTER TABLE "slot" ADD CONSTRAINT "slot_dose_is_1_or_2" CHECK ("dose" IN (1, 2));
ALTER TABLE "booking" ADD CONSTRAINT "booking_status_known" CHECK ("status" IN ('active', 'cancelled'));

-- A person holds at most one active booking; a concurrent second booking fails here.
CREATE UNIQUE INDEX "booking_one_active_per_person" ON "booking"("person_id") WHERE "status" = 'active';

-- Earliest free first-dose slot of a centre in one index probe, even when the first weeks are full.
CREATE INDEX "slot_free_first_dose_idx" ON "slot"("centre_id", "starts_at", "id") WHERE "dose" = 1 AND "booked" + "held" < "capacity";

-- Holds a pair: both slots or neither (a failed second update aborts the statement).
CREATE FUNCTION ledger_hold_pair(p_first_slot_id INTEGER, p_hold_id UUID, p_owner TEXT, p_expires_at TIMESTAMPTZ, p_not_before TIMESTAMPTZ)
RETURNS TABLE (first_slot_id INTEGER, second_slot_id INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
  v_second INTEGER;
BEGIN
  -- Every ledger function locks a pair's slot rows in ascending id order before changing
  -- them, so two transactions touching the same pair can never deadlock.
  PERFORM 1 FROM slot WHERE id IN (p_first_slot_id, (SELECT partner_id FROM slot WHERE id = p_first_slot_id)) ORDER BY id FOR UPDATE;
  UPDATE slot SET held = held + 1
   WHERE id = p_first_slot_id AND dose = 1 AND starts_at >= p_not_before AND booked + held < capacity
  RETURNING partner_id INTO v_second;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'slot_taken' USING ERRCODE = 'P0001';
  END IF;
  UPDATE slot SET held = held + 1 WHERE id = v_second AND booked + held < capacity;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'slot_taken' USING ERRCODE = 'P0001';
  END IF;
  INSERT INTO hold (id, first_slot_id, second_slot_id, owner, expires_at)
  VALUES (p_hold_id, p_first_slot_id, v_second, p_owner, p_expires_at);
  RETURN QUERY SELECT p_first_slot_id, v_second;
END;
$$;

-- Releases holds (one by id, all of an owner, or all expired) and gives their places back;
-- returns how many slots got places back.
CREATE FUNCTION ledger_release_holds(p_hold_id UUID, p_owner TEXT, p_expired_before TIMESTAMPTZ)
RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  v_slots INTEGER[];
  v_count INTEGER;
BEGIN
  WITH gone AS (
    DELETE FROM hold
     WHERE (p_hold_id IS NOT NULL AND id = p_hold_id)
        OR (p_owner IS NOT NULL AND owner = p_owner)
        OR (p_expired_before IS NOT NULL AND expires_at <= p_expired_before)
    RETURNING hold.first_slot_id, hold.second_slot_id
  )
  SELECT array_agg(s) INTO v_slots FROM gone, LATERAL (VALUES (gone.first_slot_id), (gone.second_slot_id)) AS v(s);
  IF v_slots IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM slot WHERE id = ANY (v_slots) ORDER BY id FOR UPDATE;
  UPDATE slot SET held = held - places.n
    FROM (SELECT s AS slot_id, count(*)::INTEGER AS n FROM unnest(v_slots) AS s GROUP BY s) AS places
   WHERE slot.id = places.slot_id;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END;
$$;

-- Books a pair in one statement: from a live hold, or straight from free capacity.
-- Failures raise P0001 with the ledger's error code as the message; unique violations
-- (idempotency key, booking code, one active booking per person) surface by constraint name.
CREATE FUNCTION ledger_book_pair(
  p_first_slot_id INTEGER, p_hold_id UUID, p_now TIMESTAMPTZ,
  p_name_key TEXT, p_name TEXT, p_name_recording_url TEXT, p_birth_date DATE, p_phone TEXT, p_postcode CHAR(5),
  p_channel TEXT, p_agent_id TEXT, p_idempotency_key TEXT, p_code CHAR(12), p_keypad_code CHAR(12))
RETURNS TABLE (booking_id INTEGER, code CHAR(12), replayed BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_person INTEGER;
  v_first INTEGER;
  v_second INTEGER;
  v_booking INTEGER;
BEGIN
  IF p_idempotency_key IS NOT NULL THEN
    RETURN QUERY SELECT b.id, b.code, TRUE FROM booking b WHERE b.idempotency_key = p_idempotency_key;
    IF FOUND THEN RETURN; END IF;
  END IF;

  INSERT INTO person (name_key, name, name_recording_url, birth_date, phone, postcode)
  VALUES (p_name_key, p_name, p_name_recording_url, p_birth_date, p_phone, p_postcode)
  ON CONFLICT (name_key, birth_date, postcode)
  DO UPDATE SET phone = COALESCE(EXCLUDED.phone, person.phone),
                name_recording_url = COALESCE(EXCLUDED.name_recording_url, person.name_recording_url)
  RETURNING id INTO v_person;

  IF EXISTS (SELECT 1 FROM booking b WHERE b.person_id = v_person AND b.status = 'active') THEN
    RAISE EXCEPTION 'already_booked' USING ERRCODE = 'P0001';
  END IF;

  IF p_hold_id IS NOT NULL THEN
    DELETE FROM hold h WHERE h.id = p_hold_id AND h.expires_at > p_now
    RETURNING h.first_slot_id, h.second_slot_id INTO v_first, v_second;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'hold_expired' USING ERRCODE = 'P0001';
    END IF;
    PERFORM 1 FROM slot WHERE id IN (v_first, v_second) ORDER BY id FOR UPDATE;
    UPDATE slot SET held = held - 1, booked = booked + 1 WHERE id IN (v_first, v_second);
  ELSE
    PERFORM 1 FROM slot WHERE id IN (p_first_slot_id, (SELECT partner_id FROM slot WHERE id = p_first_slot_id)) ORDER BY id FOR UPDATE;
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

  INSERT INTO booking (code, keypad_code, person_id, first_slot_id, second_slot_id, channel, agent_id, idempotency_key)
  VALUES (p_code, p_keypad_code, v_person, v_first, v_second, p_channel, p_agent_id, p_idempotency_key)
  RETURNING id INTO v_booking;
  INSERT INTO booking_event (booking_id, action, channel, agent_id) VALUES (v_booking, 'booked', p_channel, p_agent_id);
  RETURN QUERY SELECT v_booking, p_code, FALSE;
END;
$$;

-- Cancels an active booking and frees both of its slots; a repeated cancel changes nothing.
CREATE FUNCTION ledger_cancel_booking(p_booking_id INTEGER, p_channel TEXT, p_agent_id TEXT, p_now TIMESTAMPTZ)
RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
  v_first INTEGER;
  v_second INTEGER;
BEGIN
  UPDATE booking SET status = 'cancelled', cancelled_at = p_now
   WHERE id = p_booking_id AND status = 'active'
  RETURNING first_slot_id, second_slot_id INTO v_first, v_second;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  PERFORM 1 FROM slot WHERE id IN (v_first, v_second) ORDER BY id FOR UPDATE;
  UPDATE slot SET booked = booked - 1 WHERE id IN (v_first, v_second);
  INSERT INTO booking_event (booking_id, action, channel, agent_id) VALUES (p_booking_id, 'cancelled', p_channel, p_agent_id);
  RETURN TRUE;
END;
$$;

-- Rebooking: cancels the old booking and books the new pair in one statement, so a caller
-- never ends up with neither (new pair taken) nor both (cancel lost).
CREATE FUNCTION ledger_rebook(
  p_old_booking_id INTEGER,
  p_first_slot_id INTEGER, p_hold_id UUID, p_now TIMESTAMPTZ,
  p_name_key TEXT, p_name TEXT, p_name_recording_url TEXT, p_birth_date DATE, p_phone TEXT, p_postcode CHAR(5),
  p_channel TEXT, p_agent_id TEXT, p_idempotency_key TEXT, p_code CHAR(12), p_keypad_code CHAR(12))
RETURNS TABLE (booking_id INTEGER, code CHAR(12), replayed BOOLEAN)
LANGUAGE plpgsql AS $$
BEGIN
  IF p_idempotency_key IS NOT NULL THEN
    RETURN QUERY SELECT b.id, b.code, TRUE FROM booking b WHERE b.idempotency_key = p_idempotency_key;
    IF FOUND THEN RETURN; END IF;
  END IF;
  IF NOT ledger_cancel_booking(p_old_booking_id, p_channel, p_agent_id, p_now) THEN
    RAISE EXCEPTION 'booking_not_active' USING ERRCODE = 'P0001';
  END IF;
  RETURN QUERY SELECT * FROM ledger_book_pair(p_first_slot_id, p_hold_id, p_now, p_name_key, p_name,
    p_name_recording_url, p_birth_date, p_phone, p_postcode, p_channel, p_agent_id, p_idempotency_key, p_code, p_keypad_code);
END;
$$;
