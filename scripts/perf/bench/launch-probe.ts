// What bench:launch asks the ledger right after a caller heard "full": the free pairs of that
// centre or KV region (by the name spoken), so a "full" answer while pairs were free is caught.
import type pg from "pg";

/** Free pairs = first-dose slots from the offer lead time (60 min, ivr/src/services.ts) on whose doses both have room. */
const FREE_PAIRS = `
  SELECT COALESCE(sum(LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held)), 0)::int AS free
    FROM slot f JOIN slot s ON s.id = f.partner_id JOIN centre c ON c.id = f.centre_id JOIN district d ON d.id = c.district_id
   WHERE f.dose = 1 AND f.starts_at >= now() + make_interval(mins => 60)
     AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity`;

export class LedgerProbe {
  private ids = { centre: new Map<string, number | string>(), region: new Map<string, number | string>() };
  constructor(private readonly pool: pg.Pool) {}

  /** Reads the names; returns the pairs on offer. */
  async load(): Promise<number> {
    const names = async (table: string) =>
      new Map(
        (await this.pool.query<{ id: number | string; name: string }>(`SELECT id, name FROM ${table}`)).rows.map(
          (x) => [x.name, x.id],
        ),
      );
    this.ids = { centre: await names("centre"), region: await names("kv_region") };
    const pairs = await this.pool.query<{ n: number }>(
      "SELECT COALESCE(sum(capacity), 0)::int AS n FROM slot WHERE dose = 1",
    );
    return pairs.rows[0]!.n;
  }

  /** Free pairs of the centre or region with this spoken name; -1 (NOT_FOUND) when the name is unknown. */
  readonly free = async (kind: "centre" | "region", name: string): Promise<number> => {
    const id = this.ids[kind].get(name);
    if (id === undefined) return -1;
    const where = kind === "centre" ? "c.id = $1" : "d.region_id = $1";
    return (await this.pool.query<{ free: number }>(`${FREE_PAIRS} AND ${where}`, [id])).rows[0]!.free;
  };
}
