// Supply drops in SQL. Moves go through ledger_rebook (the booking keeps its code, the old
// pair's places go back, a "rebooked" event names it) with the notice written in the same
// statement; capacity is only ever lowered by places that are free in rows locked first, so
// slot_within_capacity (booked + held <= capacity) holds after every statement.
import type {
  DropRecord,
  DropWeek,
  MoveCandidate,
  SupplyDropStore,
  TargetSlot,
  WeekSlot,
} from "../../domain/supply/supply-drop-store.ts";
import { mapDatabaseError } from "../prisma/database-errors.ts";
import type { Database } from "./open-database.ts";

/** The dropped week's first-dose slots: those of the region's releases whose week starts in it. */
const WEEK_FIRST_SLOTS = `
  FROM slot f
  JOIN slot p ON p.id = f.partner_id
  JOIN supply_release r ON r.id = f.release_id
 WHERE r.region_id = $1 AND r.vaccine_id = $2 AND r.week_start >= $3::date AND r.week_start < $4::date AND f.dose = 1`;

const FREE = `LEAST(f.capacity - f.booked - f.held, p.capacity - p.booked - p.held)`;

interface DropRow extends Record<string, unknown> {
  id: number;
  region_id: string;
  vaccine_id: string;
  week_start: string;
  doses_lost: number;
  pairs_lost: number;
  shift_days: number;
  status: DropRecord["status"];
  plan: unknown;
  result: unknown;
  pairs_cut: number;
  created_by: string;
  created_at: Date | string;
  executed_by: string | null;
  executed_at: Date | string | null;
}

const DROP_COLUMNS = `id, region_id, vaccine_id, to_char(week_start, 'YYYY-MM-DD') AS week_start, doses_lost, pairs_lost,
  shift_days, status, plan, result, pairs_cut, created_by, created_at, executed_by, executed_at`;

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

function toDrop(r: DropRow): DropRecord {
  const weekEnd = new Date(`${r.week_start}T00:00:00Z`);
  weekEnd.setUTCDate(weekEnd.getUTCDate() + 7);
  return {
    id: r.id,
    regionId: r.region_id,
    vaccineId: r.vaccine_id,
    weekStart: r.week_start,
    weekEnd: weekEnd.toISOString().slice(0, 10),
    dosesLost: r.doses_lost,
    pairsLost: r.pairs_lost,
    shiftDays: r.shift_days,
    status: r.status,
    plan: json(r.plan),
    result: r.result === null ? null : json(r.result),
    pairsCut: r.pairs_cut,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    executedBy: r.executed_by,
    executedAt: r.executed_at === null ? null : new Date(r.executed_at),
  };
}

const weekParams = (w: DropWeek) => [w.regionId, w.vaccineId, w.weekStart, w.weekEnd];

export class SqlSupplyDropStore implements SupplyDropStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async vaccineInterval(vaccineId: string): Promise<number | null> {
    const [row] = await this.db.query<{ days: number }>(
      `SELECT second_dose_after_days AS days FROM vaccine WHERE id = $1`,
      [vaccineId],
    );
    return row?.days ?? null;
  }

  async deliveredDoses(week: DropWeek): Promise<number> {
    const [row] = await this.db.query<{ doses: number }>(
      `SELECT coalesce(sum(doses), 0)::int AS doses FROM supply_release
        WHERE region_id = $1 AND vaccine_id = $2 AND week_start >= $3::date AND week_start < $4::date`,
      weekParams(week),
    );
    return row?.doses ?? 0;
  }

  async weekSlots(week: DropWeek, now: Date): Promise<WeekSlot[]> {
    const rows = await this.db.query<{
      id: number;
      centre_id: number;
      starts_at: Date | string;
      capacity: number;
      free: number;
      invited: number;
    }>(
      `SELECT f.id, f.centre_id, f.starts_at, f.capacity, ${FREE} AS free,
              (SELECT count(*)::int FROM waitlist_invitation i JOIN hold h ON h.id = i.hold_id
                WHERE i.status = 'invited' AND i.first_slot_id = f.id) AS invited
       ${WEEK_FIRST_SLOTS} AND f.starts_at > $5
        ORDER BY f.starts_at DESC, f.id DESC`,
      [...weekParams(week), now],
    );
    return rows.map((r) => ({
      firstSlotId: r.id,
      centreId: r.centre_id,
      startsAt: new Date(r.starts_at),
      capacity: r.capacity,
      free: r.free,
      invitationHeld: r.invited,
    }));
  }

  async weekBookings(week: DropWeek, now: Date): Promise<{ candidates: MoveCandidate[]; protectedPairs: number }> {
    const rows = await this.db.query<{
      id: number;
      first_slot_id: number;
      centre_id: number;
      starts_at: Date | string;
      kept: boolean;
    }>(
      `SELECT b.id, f.id AS first_slot_id, f.centre_id, f.starts_at,
              (f.starts_at <= $5 OR a.status IS NOT NULL) AS kept
         FROM booking b
         JOIN slot f ON f.id = b.first_slot_id
         JOIN supply_release r ON r.id = f.release_id
         LEFT JOIN attendance a ON a.booking_id = b.id AND a.dose = 1
        WHERE r.region_id = $1 AND r.vaccine_id = $2 AND r.week_start >= $3::date AND r.week_start < $4::date
          AND b.status = 'active'
        ORDER BY f.starts_at DESC, b.id DESC`,
      [...weekParams(week), now],
    );
    // Marked at all (attended, or a no-show waiting for its rebooking call) or already due:
    // the reception has that pair in hand; a drop never moves it.
    return {
      candidates: rows
        .filter((r) => !r.kept)
        .map((r) => ({
          bookingId: r.id,
          firstSlotId: r.first_slot_id,
          centreId: r.centre_id,
          firstStartsAt: new Date(r.starts_at),
        })),
      protectedPairs: rows.filter((r) => r.kept).length,
    };
  }

  async targetSlots(week: DropWeek, centreIds: number[], from: Date, to: Date): Promise<TargetSlot[]> {
    const rows = await this.db.query<{ id: number; centre_id: number; starts_at: Date | string; free: number }>(
      `SELECT f.id, f.centre_id, f.starts_at, ${FREE} AS free
         FROM slot f
         JOIN slot p ON p.id = f.partner_id
         JOIN supply_release r ON r.id = f.release_id
        WHERE f.centre_id = ANY($5::int[]) AND f.vaccine_id = $2 AND f.dose = 1
          AND f.starts_at >= $6 AND f.starts_at < $7
          AND NOT (r.region_id = $1 AND r.week_start >= $3::date AND r.week_start < $4::date)
        ORDER BY f.starts_at, f.id`,
      [...weekParams(week), centreIds, from, to],
    );
    return rows.map((r) => ({
      firstSlotId: r.id,
      centreId: r.centre_id,
      startsAt: new Date(r.starts_at),
      free: r.free,
    }));
  }

  async insertDrop(d: Parameters<SupplyDropStore["insertDrop"]>[0]): Promise<number> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO supply_drop (region_id, vaccine_id, week_start, doses_lost, pairs_lost, shift_days, plan, created_by, created_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
      [
        d.regionId,
        d.vaccineId,
        d.weekStart,
        d.dosesLost,
        d.pairsLost,
        d.shiftDays,
        JSON.stringify(d.plan),
        d.createdBy,
        d.createdAt,
      ],
    );
    return row!.id;
  }

  async drop(id: number): Promise<DropRecord | null> {
    const [row] = await this.db.query<DropRow>(`SELECT ${DROP_COLUMNS} FROM supply_drop WHERE id = $1`, [id]);
    return row ? toDrop(row) : null;
  }

  async recentDrops(limit: number): Promise<DropRecord[]> {
    const rows = await this.db.query<DropRow>(`SELECT ${DROP_COLUMNS} FROM supply_drop ORDER BY id DESC LIMIT $1`, [
      limit,
    ]);
    return rows.map(toDrop);
  }

  async claim(id: number, by: string, now: Date, staleBefore: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE supply_drop SET status = 'executing', executing_since = $3, executed_by = $2
        WHERE id = $1 AND (status = 'planned' OR (status = 'executing' AND executing_since < $4))
       RETURNING id`,
      [id, by, now, staleBefore],
    );
    return rows.length > 0;
  }

  async stillExecuting(id: number, now: Date): Promise<void> {
    await this.db.query(`UPDATE supply_drop SET executing_since = $2 WHERE id = $1 AND status = 'executing'`, [
      id,
      now,
    ]);
  }

  async staleExecutions(before: Date): Promise<number[]> {
    const rows = await this.db.query<{ id: number }>(
      `SELECT id FROM supply_drop WHERE status = 'executing' AND executing_since < $1 ORDER BY id`,
      [before],
    );
    return rows.map((r) => r.id);
  }

  async movedSoFar(id: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM supply_move_notice WHERE drop_id = $1`,
      [id],
    );
    return row?.n ?? 0;
  }

  async releaseInvitationHolds(firstSlotIds: number[], now: Date): Promise<number> {
    if (firstSlotIds.length === 0) return 0;
    // As waitlist_expire does for a passed deadline: the invitation lapses, the person waits
    // for the next run, and the places go back through the ledger's own function.
    const [row] = await this.db.query<{ n: number }>(
      `WITH gone AS (
         UPDATE waitlist_invitation i SET status = 'expired', decided_at = $2
          WHERE i.status = 'invited' AND i.first_slot_id = ANY($1::int[])
         RETURNING i.entry_id, i.hold_id
       ), back AS (
         UPDATE waitlist_entry e SET status = 'waiting', updated_at = $2
           FROM gone WHERE e.id = gone.entry_id AND e.status = 'invited'
         RETURNING e.id
       ), freed AS (
         DELETE FROM hold h USING gone WHERE h.id = gone.hold_id
         RETURNING h.first_slot_id, h.second_slot_id
       )
       SELECT (SELECT count(*)::int FROM gone) AS n, (SELECT count(*)::int FROM back) AS waiting,
              ledger_give_back_places(
                (SELECT array_agg(s) FROM freed, LATERAL (VALUES (freed.first_slot_id), (freed.second_slot_id)) AS v(s))
              ) AS places`,
      [firstSlotIds, now],
    );
    return row?.n ?? 0;
  }

  async move(m: Parameters<SupplyDropStore["move"]>[0]): Promise<{ firstSlotId: number; startsAt: Date } | null> {
    for (const target of m.targets) {
      try {
        const [row] = await this.db.query<{ booking_id: number; replayed: boolean; starts_at: Date | string }>(
          `WITH old AS (
             SELECT b.first_slot_id, b.second_slot_id, b.person_id FROM booking b WHERE b.id = $1
           ), moved AS (
             SELECT * FROM ledger_rebook($1::int, $2::int, NULL::uuid, $3::timestamptz, 'agent', $4::text, $5::text)
           ), entry AS (
             SELECT e.language, e.phone FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
              WHERE i.booking_id = $1 ORDER BY i.id DESC LIMIT 1
           ), notice AS (
             INSERT INTO supply_move_notice (drop_id, booking_id, old_first_slot_id, old_second_slot_id,
                                             new_first_slot_id, new_second_slot_id, language, phone, channel, created_at)
             SELECT $6, m.booking_id, o.first_slot_id, o.second_slot_id, $2, (SELECT partner_id FROM slot WHERE id = $2),
                    coalesce(p.language, (SELECT language FROM entry), 'de'), coalesce(p.phone, (SELECT phone FROM entry)),
                    CASE WHEN coalesce(p.phone, (SELECT phone FROM entry)) IS NULL THEN 'letter' ELSE 'call' END, $3
               FROM moved m CROSS JOIN old o JOIN person p ON p.id = o.person_id
              WHERE NOT m.replayed
             ON CONFLICT (drop_id, booking_id) DO NOTHING
             RETURNING booking_id, channel
           ), letter AS (
             INSERT INTO letter_item (booking_id, first_slot_id, kind, batch_day)
             SELECT booking_id, $2, 'moved', $7::date FROM notice WHERE channel = 'letter'
             ON CONFLICT DO NOTHING
             RETURNING booking_id
           )
           SELECT m.booking_id, m.replayed, s.starts_at, (SELECT count(*) FROM letter)::int AS letters
             FROM moved m JOIN slot s ON s.id = $2`,
          [m.bookingId, target, m.now, m.by, m.idempotencyKey, m.dropId, m.letterDay],
        );
        if (!row) return null;
        if (!row.replayed) return { firstSlotId: target, startsAt: new Date(row.starts_at) };
        const [now] = await this.db.query<{ id: number; starts_at: Date | string }>(
          `SELECT s.id, s.starts_at FROM booking b JOIN slot s ON s.id = b.first_slot_id WHERE b.id = $1`,
          [m.bookingId],
        );
        return now ? { firstSlotId: now.id, startsAt: new Date(now.starts_at) } : null;
      } catch (error) {
        const mapped = mapDatabaseError(error);
        // The target filled up meanwhile: the next one that day; a booking cancelled meanwhile needs no move.
        if (mapped && "code" in mapped && (mapped.code === "slot_taken" || mapped.code === "booking_not_active")) {
          if (mapped.code === "booking_not_active") return null;
          continue;
        }
        throw error;
      }
    }
    return null;
  }

  async lowerCapacity(dropId: number, firstSlotIds: number[]): Promise<number> {
    if (firstSlotIds.length === 0) return 0;
    // Both slots of every pair are locked in id order (as every ledger function locks), and
    // their free places read from the locked rows: a booking committed a moment ago counts.
    const [row] = await this.db.query<{ cut: number }>(
      `WITH d AS (
         SELECT pairs_lost - pairs_cut AS todo FROM supply_drop WHERE id = $1 FOR UPDATE
       ), lk AS (
         SELECT id, partner_id, dose, starts_at, capacity - booked - held AS free FROM slot
          WHERE id = ANY($2::int[]) OR id IN (SELECT partner_id FROM slot WHERE id = ANY($2::int[]))
          ORDER BY id FOR UPDATE
       ), pair AS (
         SELECT f.id AS first_id, f.partner_id AS second_id, f.starts_at, LEAST(f.free, p.free) AS free
           FROM lk f JOIN lk p ON p.id = f.partner_id
          WHERE f.dose = 1 AND f.id = ANY($2::int[])
       ), pick AS (
         SELECT first_id, second_id,
                LEAST(free, GREATEST(0, (SELECT todo FROM d) - coalesce(sum(free) OVER (
                  ORDER BY starts_at DESC, first_id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS cut
           FROM pair WHERE free > 0
       ), cut AS (
         UPDATE slot SET capacity = slot.capacity - pick.cut
           FROM pick WHERE pick.cut > 0 AND slot.id IN (pick.first_id, pick.second_id)
         RETURNING slot.dose, pick.cut
       ), done AS (
         UPDATE supply_drop SET pairs_cut = pairs_cut + (SELECT coalesce(sum(cut), 0) FROM cut WHERE dose = 1)
          WHERE id = $1
         RETURNING pairs_cut
       )
       SELECT (SELECT coalesce(sum(cut), 0)::int FROM cut WHERE dose = 1) AS cut, (SELECT pairs_cut FROM done) AS total`,
      [dropId, firstSlotIds],
    );
    return row?.cut ?? 0;
  }

  async finish(id: number, result: unknown, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE supply_drop SET status = 'executed', result = $2::jsonb, executed_at = $3 WHERE id = $1`,
      [id, JSON.stringify(result), now],
    );
  }

  async audit(by: string, action: string, details: Record<string, unknown>, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO supervisor_action (agent_id, action, details, at) VALUES ($1, $2, $3::jsonb, $4)`,
      [by, action, JSON.stringify(details), at],
    );
  }
}
