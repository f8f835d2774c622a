-- At most one live hold per agent conversation and household member: an agent who clicks
-- "halten" on one pair after another (one agent held one slot 7 times) replaces the hold
-- instead of piling up places nobody else can have. The scope names the agent, the
-- conversation (call or callback) and the member ("agent:anna|call:CA…|person:1"); the phone
-- menu's holds have none. The unique index keeps the rule even for two requests at once.
ALTER TABLE "hold" ADD COLUMN "scope" TEXT;
CREATE UNIQUE INDEX "hold_one_per_scope" ON "hold"("scope") WHERE "scope" IS NOT NULL;

-- Holds a pair for a scope in one statement: the scope's previous hold is given back first,
-- an owner already holding p_owner_limit live pairs is refused (hold_limit), and a failed
-- hold (slot_taken) undoes the release with everything else.
CREATE FUNCTION ledger_hold_pair_in_scope(
  p_first_slot_id INTEGER, p_hold_id UUID, p_owner TEXT, p_scope TEXT, p_expires_at TIMESTAMPTZ,
  p_not_before TIMESTAMPTZ, p_now TIMESTAMPTZ, p_owner_limit INTEGER)
RETURNS TABLE (first_slot_id INTEGER, second_slot_id INTEGER)
LANGUAGE plpgsql AS $$
DECLARE
  v_slots INTEGER[];
BEGIN
  WITH gone AS (
    DELETE FROM hold WHERE hold.scope = p_scope
    RETURNING hold.first_slot_id, hold.second_slot_id
  )
  SELECT array_agg(s) INTO v_slots FROM gone, LATERAL (VALUES (gone.first_slot_id), (gone.second_slot_id)) AS v(s);
  PERFORM ledger_give_back_places(v_slots);
  IF (SELECT count(*) FROM hold WHERE hold.owner = p_owner AND hold.expires_at > p_now) >= p_owner_limit THEN
    RAISE EXCEPTION 'hold_limit' USING ERRCODE = 'P0001';
  END IF;
  RETURN QUERY SELECT h.first_slot_id, h.second_slot_id
    FROM ledger_hold_pair(p_first_slot_id, p_hold_id, p_owner, p_expires_at, p_not_before) h;
  UPDATE hold SET scope = p_scope WHERE hold.id = p_hold_id;
END;
$$;
