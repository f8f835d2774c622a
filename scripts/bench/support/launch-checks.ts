// What the ledger says, for bench:launch and the mid-run fault scripts:
// - free pairs of a centre / a KV region right after a caller heard "full" (by the name spoken);
// - the invariants after a run: ledgerViolations() of the test support (over capacity, counters
//   that do not match bookings and holds, half pairs), persons with more than one active
//   booking, every booking a caller heard confirmed present and active, every callback a
//   caller heard registered present (fallback-journal callbacks once they are replayed).
import pg from "pg";
import { ledgerViolations } from "../../../ivr/test/support/scenario.ts";
import type { Services } from "../../../ivr/src/services.ts";
import type { CallRecord } from "./launch-callers.ts";

/** The ledger's offer lead time (ivr/src/services.ts: leadMinutes 60): pairs earlier are never offered. */
export const OFFER_LEAD_MINUTES = 60;

/** Free pairs = first-dose slots from the lead time on whose first AND second dose have room. */
const FREE_PAIRS = `
  SELECT COALESCE(sum(LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held)), 0)::int AS free
    FROM slot f JOIN slot s ON s.id = f.partner_id JOIN centre c ON c.id = f.centre_id JOIN district d ON d.id = c.district_id
   WHERE f.dose = 1 AND f.starts_at >= now() + make_interval(mins => ${OFFER_LEAD_MINUTES})
     AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity`;

export function newPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined); // an idle client lost (PostgreSQL restarted): the next query reconnects
  return pool;
}

export class LedgerProbe {
  private centres = new Map<string, number>();
  private regions = new Map<string, string>();
  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<{ centres: number; regions: number; pairs: number }> {
    const c = await this.pool.query<{ id: number; name: string }>("SELECT id, name FROM centre");
    const r = await this.pool.query<{ id: string; name: string }>("SELECT id, name FROM kv_region");
    this.centres = new Map(c.rows.map((x) => [x.name, x.id]));
    this.regions = new Map(r.rows.map((x) => [x.name, x.id]));
    const pairs = (
      await this.pool.query<{ n: number }>("SELECT COALESCE(sum(capacity), 0)::int AS n FROM slot WHERE dose = 1")
    ).rows[0]!.n;
    return { centres: c.rowCount ?? 0, regions: r.rowCount ?? 0, pairs };
  }

  /** Free pairs of the centre or region with this spoken name; -1 when the name is unknown. */
  readonly free = async (kind: "centre" | "region", name: string): Promise<number> => {
    if (kind === "centre") {
      const id = this.centres.get(name);
      if (id === undefined) return -1;
      return (await this.pool.query<{ free: number }>(`${FREE_PAIRS} AND c.id = $1`, [id])).rows[0]!.free;
    }
    const id = this.regions.get(name);
    if (id === undefined) return -1;
    return (await this.pool.query<{ free: number }>(`${FREE_PAIRS} AND d.region_id = $1`, [id])).rows[0]!.free;
  };

  async freeByRegion(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [name] of this.regions) out[name] = await this.free("region", name);
    return out;
  }
}

export interface Verification {
  overCapacity: number;
  countMismatch: number;
  halfPairs: number;
  personsWithTwoBookings: number;
  /** overCapacity + countMismatch + halfPairs + personsWithTwoBookings. */
  doubleBookings: number;
  activeBookings: number;
  confirmedHeard: number;
  confirmedMissing: string[];
  callbacksHeard: number;
  callbacksMissing: string[];
  fallbackCallbacksHeard: number;
  fallbackCallbacksMissing: string[];
  /** Active bookings no caller heard confirmed (e.g. an answer lost with a killed process). */
  unheardBookings: number;
}

export async function verifyRun(
  pool: pg.Pool,
  records: readonly CallRecord[],
  options: { waitForFallbackSeconds?: number } = {},
): Promise<Verification> {
  // ledgerViolations() takes Services; it only uses db.prisma.$queryRaw with a constant query.
  const client = await pool.connect();
  let v: Awaited<ReturnType<typeof ledgerViolations>>;
  try {
    const services = {
      db: { prisma: { $queryRaw: async (sql: TemplateStringsArray) => (await client.query(sql.join("?"))).rows } },
    } as unknown as Services;
    v = await ledgerViolations(services);
  } finally {
    client.release();
  }
  const persons = (
    await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM (SELECT person_id FROM booking WHERE status = 'active' GROUP BY person_id HAVING count(*) > 1) x",
    )
  ).rows[0]!.n;
  const active = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM booking WHERE status = 'active'"))
    .rows[0]!.n;
  const codes = records.flatMap((r) => r.bookedCodes);
  const found = new Set(
    // Callers note the code as the menu reads it: its keypad form.
    (
      await pool.query<{ keypad_code: string }>(
        "SELECT keypad_code FROM booking WHERE status = 'active' AND keypad_code = ANY($1::text[])",
        [codes],
      )
    ).rows.map((r) => r.keypad_code.trim()),
  );
  const phones = records.filter((r) => r.callbackHeard).map((r) => r.plan.from);
  const fallbackPhones = records.filter((r) => r.fallbackHeard).map((r) => r.plan.from);
  const present = async (list: string[]) =>
    new Set(
      (
        await pool.query<{ phone: string }>(
          "SELECT DISTINCT phone FROM callback_request WHERE phone = ANY($1::text[])",
          [list],
        )
      ).rows.map((r) => r.phone),
    );
  const cb = await present(phones);
  // The fallback journal is replayed every 5 s once the database answers: wait for it, bounded.
  let fb = await present(fallbackPhones);
  const deadline = Date.now() + (options.waitForFallbackSeconds ?? 0) * 1000;
  while (fb.size < new Set(fallbackPhones).size && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    fb = await present(fallbackPhones);
  }
  const heardCodes = new Set(codes);
  return {
    ...v,
    personsWithTwoBookings: persons,
    doubleBookings: v.overCapacity + v.countMismatch + v.halfPairs + persons,
    activeBookings: active,
    confirmedHeard: codes.length,
    confirmedMissing: codes.filter((c) => !found.has(c)),
    callbacksHeard: phones.length,
    callbacksMissing: phones.filter((p) => !cb.has(p)),
    fallbackCallbacksHeard: fallbackPhones.length,
    fallbackCallbacksMissing: fallbackPhones.filter((p) => !fb.has(p)),
    unheardBookings: Math.max(0, active - heardCodes.size),
  };
}
