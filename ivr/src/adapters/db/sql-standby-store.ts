// The standby list in SQL. A dose is taken by one UPDATE guarded by `used < doses` (and a CHECK
// behind it): two people pressing 1 for the last dose at once, one row changes, one person wins.
// Same SQL on PostgreSQL and PGlite.
import type {
  StandbyCallStatus,
  StandbyCandidate,
  StandbyEntry,
  StandbyOffer,
  StandbyStore,
  StandbyTally,
} from "../../domain/standby/standby-store.ts";
import type { Database } from "./open-database.ts";

type Row = Record<string, unknown>;
const OFFER = `id, centre_id, doses, used, usable_until, first_slot_id, seed, status, created_at, closed_at`;

export class SqlStandbyStore implements StandbyStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async create(offer: Omit<StandbyOffer, "id" | "used" | "status" | "closedAt">, by: string): Promise<StandbyOffer> {
    const [row] = await this.db.query(
      `INSERT INTO standby_offer (centre_id, doses, usable_until, first_slot_id, seed, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${OFFER}`,
      [offer.centreId, offer.doses, offer.usableUntil, offer.firstSlotId, offer.seed, by, offer.createdAt],
    );
    return toOffer(row!);
  }

  async find(id: number): Promise<StandbyOffer | null> {
    const rows = await this.db.query(`SELECT ${OFFER} FROM standby_offer WHERE id = $1`, [id]);
    return rows[0] ? toOffer(rows[0]) : null;
  }

  async open(): Promise<StandbyOffer[]> {
    return (await this.db.query(`SELECT ${OFFER} FROM standby_offer WHERE status = 'open' ORDER BY id`)).map(toOffer);
  }

  async ofCentre(centreId: number, from: Date, to: Date): Promise<(StandbyOffer & { tally: StandbyTally })[]> {
    const rows = await this.db.query(
      `SELECT ${OFFER.split(", ")
        .map((c) => `o.${c}`)
        .join(", ")},
              count(c.entry_id)::int AS called,
              count(*) FILTER (WHERE c.status = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE c.status = 'too-late')::int AS too_late,
              count(*) FILTER (WHERE c.status = 'declined')::int AS declined,
              count(*) FILTER (WHERE c.status = 'unreached')::int AS unreached
         FROM standby_offer o LEFT JOIN standby_call c ON c.offer_id = o.id
        WHERE o.centre_id = $1 AND o.created_at >= $2 AND o.created_at < $3
        GROUP BY o.id ORDER BY o.created_at DESC, o.id DESC`,
      [centreId, from, to],
    );
    return rows.map((r) => ({
      ...toOffer(r),
      tally: {
        offerId: Number(r.id),
        called: Number(r.called),
        accepted: Number(r.accepted),
        tooLate: Number(r.too_late),
        declined: Number(r.declined),
        unreached: Number(r.unreached),
      },
    }));
  }

  async close(id: number, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE standby_offer SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, at],
    );
    return rows.length > 0;
  }

  async candidates(offerId: number, districtIds: number[], limit: number): Promise<StandbyCandidate[]> {
    const rows = await this.db.query(
      `SELECT e.id, e.registration_number, e.priority_group, e.phone, e.language
         FROM waitlist_entry e
        WHERE e.status = 'waiting' AND e.short_notice AND e.consent_calls AND NOT e.home_visit
          AND e.phone IS NOT NULL AND e.district_id = ANY ($2::int[])
          AND NOT EXISTS (SELECT 1 FROM standby_call c WHERE c.entry_id = e.id AND (c.offer_id = $1 OR c.status = 'called'))
        ORDER BY e.priority_group, e.id LIMIT $3`,
      [offerId, districtIds, limit],
    );
    return rows.map((r) => ({
      entryId: Number(r.id),
      registrationNumber: String(r.registration_number),
      priorityGroup: Number(r.priority_group),
      phone: String(r.phone),
      language: String(r.language),
    }));
  }

  async recordCalls(offerId: number, entryIds: number[], at: Date): Promise<number[]> {
    if (entryIds.length === 0) return [];
    const rows = await this.db.query(
      `INSERT INTO standby_call (offer_id, entry_id, called_at)
       SELECT $1, unnest($2::int[]), $3 ON CONFLICT (offer_id, entry_id) DO NOTHING RETURNING entry_id`,
      [offerId, entryIds, at],
    );
    return rows.map((r) => Number(r.entry_id));
  }

  async calledEntries(offerId: number): Promise<number[]> {
    const rows = await this.db.query(
      `SELECT entry_id FROM standby_call WHERE offer_id = $1 AND status = 'called' ORDER BY entry_id`,
      [offerId],
    );
    return rows.map((r) => Number(r.entry_id));
  }

  async callsOut(offerId: number): Promise<number> {
    const [row] = await this.db.query(
      // Only calls whose task may still ring: one answered and hung up without a key is out no more.
      `SELECT count(*)::int AS n FROM standby_call c
         JOIN outbound_call t ON t.kind = 'standby' AND t.subject_id = c.offer_id || ':' || c.entry_id
        WHERE c.offer_id = $1 AND c.status = 'called' AND t.status IN ('pending', 'claimed', 'dialling')`,
      [offerId],
    );
    return Number(row?.n ?? 0);
  }

  async answeredAndAccepted(): Promise<{ answered: number; accepted: number }> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status IN ('accepted', 'too-late', 'declined'))::int AS answered,
              count(*) FILTER (WHERE status IN ('accepted', 'too-late'))::int AS accepted
         FROM standby_call`,
    );
    return { answered: Number(row?.answered ?? 0), accepted: Number(row?.accepted ?? 0) };
  }

  async takeDose(id: number, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE standby_offer SET used = used + 1
        WHERE id = $1 AND status = 'open' AND used < doses AND usable_until > $2 RETURNING id`,
      [id, now],
    );
    return rows.length > 0;
  }

  async returnDose(id: number): Promise<void> {
    await this.db.query(`UPDATE standby_offer SET used = used - 1 WHERE id = $1 AND used > 0`, [id]);
  }

  async addPlaceToday(centreId: number, now: Date, dayEnd: Date): Promise<{ firstSlotId: number } | null> {
    const rows = await this.db.query(
      `WITH pick AS (
         SELECT id, partner_id FROM slot
          WHERE centre_id = $1 AND dose = 1 AND partner_id IS NOT NULL
            AND starts_at > $2 AND starts_at < $3
          ORDER BY starts_at, id LIMIT 1)
       UPDATE slot SET capacity = capacity + 1
        WHERE id IN (SELECT id FROM pick UNION ALL SELECT partner_id FROM pick)
       RETURNING id, dose`,
      [centreId, now, dayEnd],
    );
    const first = rows.find((r) => Number(r.dose) === 1);
    return first ? { firstSlotId: Number(first.id) } : null;
  }

  async removePlace(firstSlotId: number): Promise<void> {
    await this.db.query(
      `UPDATE slot SET capacity = capacity - 1
        WHERE id IN (SELECT id FROM slot WHERE id = $1 UNION ALL SELECT partner_id FROM slot WHERE id = $1)`,
      [firstSlotId],
    );
  }

  async entry(entryId: number): Promise<StandbyEntry | null> {
    const rows = await this.db.query(
      `SELECT name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, postcode, phone FROM waitlist_entry WHERE id = $1`,
      [entryId],
    );
    const r = rows[0];
    return r
      ? {
          name: String(r.name),
          birthDate: String(r.birth_date),
          postcode: String(r.postcode),
          phone: (r.phone as string | null) ?? null,
        }
      : null;
  }

  async setShortNotice(entryId: number, shortNotice: boolean, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE waitlist_entry SET short_notice = $2, updated_at = $3 WHERE id = $1 RETURNING id`,
      [entryId, shortNotice, at],
    );
    return rows.length > 0;
  }

  async setCall(offerId: number, entryId: number, status: StandbyCallStatus, at: Date, bookingId?: number) {
    await this.db.query(
      `UPDATE standby_call SET status = $3, answered_at = $4, booking_id = coalesce($5, booking_id)
        WHERE offer_id = $1 AND entry_id = $2`,
      [offerId, entryId, status, at, bookingId ?? null],
    );
  }

  async entryBooked(entryId: number, at: Date): Promise<void> {
    await this.db.query(`UPDATE waitlist_entry SET status = 'booked', updated_at = $2 WHERE id = $1`, [entryId, at]);
  }

  async addWasted(centreId: number, day: string, doses: number, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO centre_day_report (centre_id, day, doses_wasted, updated_by, updated_at)
       VALUES ($1, $2::date, $3, 'standby', $4)
       ON CONFLICT (centre_id, day) DO UPDATE
         SET doses_wasted = centre_day_report.doses_wasted + EXCLUDED.doses_wasted, updated_at = EXCLUDED.updated_at`,
      [centreId, day, doses, at],
    );
  }
}

function toOffer(r: Row): StandbyOffer {
  return {
    id: Number(r.id),
    centreId: Number(r.centre_id),
    doses: Number(r.doses),
    used: Number(r.used),
    usableUntil: new Date(r.usable_until as string),
    firstSlotId: r.first_slot_id === null || r.first_slot_id === undefined ? null : Number(r.first_slot_id),
    seed: String(r.seed),
    status: r.status as StandbyOffer["status"],
    createdAt: new Date(r.created_at as string),
    closedAt: r.closed_at ? new Date(r.closed_at as string) : null,
  };
}
