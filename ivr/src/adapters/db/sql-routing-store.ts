// Offers and conversations in PostgreSQL (and PGlite). Each change is one conditional
// statement; the partial unique indexes of migration 20261207100000 make "one open offer per
// agent and per call" and "one open conversation per agent" hold across server processes:
// a second insert is a no-op (ON CONFLICT DO NOTHING), a second take finds the row settled.
import type { WrapUpOutcome } from "../../contracts/console-api.ts";
import type {
  ConversationRecord,
  OfferRecord,
  OfferRules,
  OfferStatus,
  RoutingStore,
} from "../../domain/agents/routing-store.ts";
import type { Database } from "./open-database.ts";

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

const toOffer = (r: Row): OfferRecord => ({
  id: r.id as number,
  agentId: r.agent_id as string,
  callSid: (r.call_sid as string | null) ?? null,
  callbackId: (r.callback_id as number | null) ?? null,
  status: r.status as OfferStatus,
  offeredAt: date(r.offered_at)!,
  expiresAt: date(r.expires_at)!,
});

const toConversation = (r: Row): ConversationRecord => ({
  id: r.id as number,
  agentId: r.agent_id as string,
  kind: r.kind as ConversationRecord["kind"],
  callSid: (r.call_sid as string | null) ?? null,
  callbackId: (r.callback_id as number | null) ?? null,
  startedAt: date(r.started_at)!,
  dialledAt: date(r.dialled_at),
  endedAt: date(r.ended_at),
  wrapUpUntil: date(r.wrap_up_until),
  wrapUpExtended: r.wrap_up_extended as boolean,
  outcome: (r.outcome as WrapUpOutcome | null) ?? null,
  note: (r.note as string | null) ?? null,
  bookingId: (r.booking_id as number | null) ?? null,
  closedAt: date(r.closed_at),
});

/**
 * The longest-waiting callers without an open offer, each with the longest-idle free agent who
 * speaks their language (anyone once they waited $4 seconds); the first pair gets the offer.
 * An agent is free when available, enabled, not ringing and without an open conversation.
 */
const OFFER_NEXT = `
  WITH caller AS (
    SELECT q.call_sid, q.language, q.enqueued_at
      FROM queued_call q
     WHERE q.queue = $1 AND q.status = 'waiting'
       AND NOT EXISTS (SELECT 1 FROM agent_offer o WHERE o.call_sid = q.call_sid AND o.status = 'open')
     ORDER BY q.enqueued_at
     LIMIT 50
  ), pick AS (
    SELECT c.call_sid, a.id AS agent_id
      FROM caller c
      CROSS JOIN LATERAL (
        SELECT a.id FROM agent a
         WHERE a.state = 'available' AND a.disabled_at IS NULL
           AND (c.language = ANY(a.languages) OR c.enqueued_at <= $2::timestamptz - make_interval(secs => $4::double precision))
           AND NOT EXISTS (SELECT 1 FROM agent_offer o WHERE o.agent_id = a.id AND o.status = 'open')
           AND NOT EXISTS (SELECT 1 FROM conversation v WHERE v.agent_id = a.id AND v.closed_at IS NULL)
         ORDER BY a.state_since, a.id
         LIMIT 1) a
     ORDER BY c.enqueued_at
     LIMIT 1
  )
  INSERT INTO agent_offer (agent_id, call_sid, offered_at, expires_at)
  SELECT agent_id, call_sid, $2::timestamptz, $2::timestamptz + make_interval(secs => $3::double precision) FROM pick
  ON CONFLICT DO NOTHING
  RETURNING *`;

/** An agent is free to be offered something: available, enabled, not ringing, no open conversation. */
const FREE_AGENT = `a.state = 'available' AND a.disabled_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM agent_offer o WHERE o.agent_id = a.id AND o.status = 'open')
           AND NOT EXISTS (SELECT 1 FROM conversation v WHERE v.agent_id = a.id AND v.closed_at IS NULL)`;

/**
 * The first due callbacks in the order the dialler claims them (priority group, release
 * window, random rank) without an open offer, each with the longest-idle free agent who speaks
 * its language (anyone once it has been due $3 seconds); the first pair gets the offer.
 */
const OFFER_NEXT_CALLBACK = `
  WITH due AS (
    SELECT r.id, r.language, r.next_attempt_at,
           row_number() OVER (ORDER BY r.priority_group, r.release_window, r.random_rank) AS n
      FROM callback_request r
     WHERE r.status = 'pending' AND r.next_attempt_at <= $1::timestamptz
       AND NOT EXISTS (SELECT 1 FROM agent_offer o WHERE o.callback_id = r.id AND o.status = 'open')
     ORDER BY r.priority_group, r.release_window, r.random_rank
     LIMIT 50
  ), pick AS (
    SELECT d.id AS callback_id, a.id AS agent_id
      FROM due d
      CROSS JOIN LATERAL (
        SELECT a.id FROM agent a
         WHERE (d.language = ANY(a.languages) OR d.next_attempt_at <= $1::timestamptz - make_interval(secs => $3::double precision))
           AND ${FREE_AGENT}
         ORDER BY a.state_since, a.id
         LIMIT 1) a
     ORDER BY d.n
     LIMIT 1
  )
  INSERT INTO agent_offer (agent_id, callback_id, offered_at, expires_at)
  SELECT agent_id, callback_id, $1::timestamptz, $1::timestamptz + make_interval(secs => $2::double precision) FROM pick
  ON CONFLICT DO NOTHING
  RETURNING *`;

export class SqlRoutingStore implements RoutingStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  private async offers(sql: string, params: unknown[]): Promise<OfferRecord[]> {
    return (await this.db.query(sql, params)).map(toOffer);
  }

  private async conversations(sql: string, params: unknown[]): Promise<ConversationRecord[]> {
    return (await this.db.query(sql, params)).map(toConversation);
  }

  expireOffers(now: Date): Promise<OfferRecord[]> {
    return this.offers(
      `UPDATE agent_offer SET status = 'missed', settled_at = $1::timestamptz
        WHERE status = 'open' AND expires_at <= $1::timestamptz RETURNING *`,
      [now],
    );
  }

  withdrawStaleOffers(now: Date): Promise<OfferRecord[]> {
    return this.offers(
      `UPDATE agent_offer o SET status = 'withdrawn', settled_at = $1::timestamptz
        WHERE o.status = 'open'
          AND ((o.call_sid IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM queued_call q WHERE q.call_sid = o.call_sid AND q.status = 'waiting'))
               OR (o.callback_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM callback_request r WHERE r.id = o.callback_id AND r.status = 'pending'))
               OR NOT EXISTS (SELECT 1 FROM agent a WHERE a.id = o.agent_id AND a.state = 'available' AND a.disabled_at IS NULL))
       RETURNING o.*`,
      [now],
    );
  }

  async offerNext(rules: OfferRules, now: Date): Promise<OfferRecord | null> {
    const rows = await this.offers(OFFER_NEXT, [rules.queue, now, rules.ringSeconds, rules.anyLanguageAfterSeconds]);
    return rows[0] ?? null;
  }

  async offerNextCallback(rules: OfferRules, now: Date): Promise<OfferRecord | null> {
    const rows = await this.offers(OFFER_NEXT_CALLBACK, [now, rules.ringSeconds, rules.anyLanguageAfterSeconds]);
    return rows[0] ?? null;
  }

  async openOffer(agentId: string): Promise<OfferRecord | null> {
    const rows = await this.offers(`SELECT * FROM agent_offer WHERE agent_id = $1 AND status = 'open'`, [agentId]);
    return rows[0] ?? null;
  }

  async takeOffer(id: number, agentId: string, now: Date): Promise<OfferRecord | null> {
    const rows = await this.offers(
      `UPDATE agent_offer SET status = 'accepted', settled_at = $3::timestamptz
        WHERE id = $1 AND agent_id = $2 AND status = 'open' AND expires_at > $3::timestamptz RETURNING *`,
      [id, agentId, now],
    );
    return rows[0] ?? null;
  }

  async withdrawOffer(agentId: string, now: Date): Promise<OfferRecord | null> {
    const rows = await this.offers(
      `UPDATE agent_offer SET status = 'withdrawn', settled_at = $2::timestamptz
        WHERE agent_id = $1 AND status = 'open' RETURNING *`,
      [agentId, now],
    );
    return rows[0] ?? null;
  }

  async openConversation(
    agentId: string,
    ref: { kind: "call"; callSid: string } | { kind: "callback"; callbackId: number | null },
    now: Date,
  ): Promise<ConversationRecord | null> {
    const rows = await this.conversations(
      `INSERT INTO conversation (agent_id, kind, call_sid, callback_id, started_at, booking_floor)
       VALUES ($1, $2, $3, $4, $5::timestamptz, (SELECT COALESCE(max(id), 0) FROM booking))
       ON CONFLICT DO NOTHING RETURNING *`,
      [
        agentId,
        ref.kind,
        ref.kind === "call" ? ref.callSid : null,
        ref.kind === "callback" ? ref.callbackId : null,
        now,
      ],
    );
    return rows[0] ?? null;
  }

  async setCallback(id: number, callbackId: number): Promise<void> {
    await this.db.query(`UPDATE conversation SET callback_id = $2 WHERE id = $1`, [id, callbackId]);
  }

  async setCallSid(id: number, callSid: string): Promise<void> {
    await this.db.query(`UPDATE conversation SET call_sid = $2 WHERE id = $1 AND closed_at IS NULL`, [id, callSid]);
  }

  async discard(id: number): Promise<void> {
    await this.db.query(`DELETE FROM conversation WHERE id = $1`, [id]);
  }

  async current(agentId: string): Promise<ConversationRecord | null> {
    const rows = await this.conversations(`SELECT * FROM conversation WHERE agent_id = $1 AND closed_at IS NULL`, [
      agentId,
    ]);
    return rows[0] ?? null;
  }

  async markDialled(id: number, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE conversation SET dialled_at = $2::timestamptz
        WHERE id = $1 AND dialled_at IS NULL AND ended_at IS NULL RETURNING id`,
      [id, now],
    );
    return rows.length === 1;
  }

  async end(
    id: number,
    now: Date,
    wrapUpUntil: Date,
    outcome: WrapUpOutcome | null = null,
    note: string | null = null,
  ): Promise<ConversationRecord | null> {
    const rows = await this.conversations(
      `UPDATE conversation SET ended_at = $2::timestamptz, wrap_up_until = $3::timestamptz,
              outcome = COALESCE($4, outcome), note = COALESCE($5, note)
        WHERE id = $1 AND ended_at IS NULL AND closed_at IS NULL RETURNING *`,
      [id, now, wrapUpUntil, outcome, note],
    );
    return rows[0] ?? null;
  }

  endHungUp(now: Date, wrapUpSeconds: number): Promise<ConversationRecord[]> {
    return this.conversations(
      `UPDATE conversation c SET ended_at = $1::timestamptz,
              wrap_up_until = $1::timestamptz + make_interval(secs => $2::double precision)
         FROM queued_call q
        WHERE c.kind = 'call' AND c.ended_at IS NULL AND c.closed_at IS NULL
          AND q.call_sid = c.call_sid AND q.ended_at IS NOT NULL
       RETURNING c.*`,
      [now, wrapUpSeconds],
    );
  }

  async extend(id: number, seconds: number): Promise<ConversationRecord | null> {
    const rows = await this.conversations(
      `UPDATE conversation SET wrap_up_until = wrap_up_until + make_interval(secs => $2::double precision), wrap_up_extended = true
        WHERE id = $1 AND ended_at IS NOT NULL AND closed_at IS NULL AND NOT wrap_up_extended RETURNING *`,
      [id, seconds],
    );
    return rows[0] ?? null;
  }

  async close(
    id: number,
    result: { outcome: WrapUpOutcome | null; note: string | null; bookingId: number | null },
    now: Date,
  ): Promise<ConversationRecord | null> {
    const rows = await this.conversations(
      `UPDATE conversation SET closed_at = $2::timestamptz, ended_at = COALESCE(ended_at, $2::timestamptz),
              outcome = COALESCE($3, outcome), note = COALESCE($4, note), booking_id = COALESCE($5, booking_id)
        WHERE id = $1 AND closed_at IS NULL RETURNING *`,
      [id, now, result.outcome, result.note, result.bookingId],
    );
    return rows[0] ?? null;
  }

  closeDueWrapUps(now: Date): Promise<ConversationRecord[]> {
    return this.conversations(
      `UPDATE conversation SET closed_at = $1::timestamptz
        WHERE closed_at IS NULL AND ended_at IS NOT NULL AND wrap_up_until <= $1::timestamptz RETURNING *`,
      [now],
    );
  }

  async bookingMadeSince(agentId: string, conversationId: number): Promise<number | null> {
    const rows = await this.db.query<{ id: number }>(
      `SELECT b.id FROM booking b, conversation c
        WHERE c.id = $2 AND b.agent_id = $1 AND b.id > c.booking_floor AND b.status = 'active'
        ORDER BY b.id DESC LIMIT 1`,
      [agentId, conversationId],
    );
    return rows[0]?.id ?? null;
  }
}
