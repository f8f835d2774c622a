// What bench:launch asks the ledger while callers are on the line: the free pairs of a centre or
// a KV region right after a caller heard "full" (by the name spoken), so a "full" answer while
// pairs were free is caught.
import type pg from "pg";

/** The ledger's offer lead time (ivr/src/services.ts: leadMinutes 60): earlier pairs are never offered. */
const OFFER_LEAD_MINUTES = 60;

/** Free pairs = first-dose slots from the lead time on whose first AND second dose have room. */
const FREE_PAIRS = `
  SELECT COALESCE(sum(LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held)), 0)::int AS free
    FROM slot f JOIN slot s ON s.id = f.partner_id JOIN centre c ON c.id = f.centre_id JOIN district d ON d.id = c.district_id
   WHERE f.dose = 1 AND f.starts_at >= now() + make_interval(mins => ${OFFER_LEAD_MINUTES})
     AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity`;

export class LedgerProbe {
  private centres = new Map<string, number>();
  private regions = new Map<string, string>();
  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<{ centres: number; pairs: number }> {
    const c = await this.pool.query<{ id: number; name: string }>("SELECT id, name FROM centre");
    const r = await this.pool.query<{ id: string; name: string }>("SELECT id, name FROM kv_region");
    this.centres = new Map(c.rows.map((x) => [x.name, x.id]));
    this.regions = new Map(r.rows.map((x) => [x.name, x.id]));
    const pairs = await this.pool.query<{ n: number }>(
      "SELECT COALESCE(sum(capacity), 0)::int AS n FROM slot WHERE dose = 1",
    );
    return { centres: c.rows.length, pairs: pairs.rows[0]!.n };
  }

  /** Free pairs of the centre or region with this spoken name; -1 when the name is unknown. */
  readonly free = async (kind: "centre" | "region", name: string): Promise<number> => {
    const id = kind === "centre" ? this.centres.get(name) : this.regions.get(name);
    if (id === undefined) return -1;
    const where = kind === "centre" ? "c.id = $1" : "d.region_id = $1";
    return (await this.pool.query<{ free: number }>(`${FREE_PAIRS} AND ${where}`, [id])).rows[0]!.free;
  };

  async freeByRegion(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const name of this.regions.keys()) out[name] = await this.free("region", name);
    return out;
  }
}
