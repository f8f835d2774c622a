// What bench:launch asks the ledger right after a caller heard "full": the free pairs of that
// centre or KV region (by the name spoken), so a "full" answer while pairs were free is caught.
import type pg from "pg";

/** Free pairs = first-dose slots from the offer lead time (60 min, ivr/src/services.ts) on whose doses both have room. */
const FREE_PAIRS = `
  SELECT COALESCE(sum(LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held)), 0)::int
    FROM slot f JOIN slot s ON s.id = f.partner_id JOIN centre c ON c.id = f.centre_id JOIN district d ON d.id = c.district_id
   WHERE f.dose = 1 AND f.starts_at >= now() + make_interval(mins => 60)
     AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity`;
const BY = {
  centre: ["centre", "c.name = $1"],
  region: ["kv_region", "d.region_id IN (SELECT id FROM kv_region WHERE name = $1)"],
};

/** Free pairs of the centre or region with this spoken name; -1 (NOT_FOUND) when no such name exists. */
export const freePairs = (pool: pg.Pool) => async (kind: "centre" | "region", name: string) => {
  const [table, where] = BY[kind];
  const sql = `SELECT CASE WHEN EXISTS (SELECT 1 FROM ${table} WHERE name = $1) THEN (${FREE_PAIRS} AND ${where}) ELSE -1 END AS free`;
  return (await pool.query<{ free: number }>(sql, [name])).rows[0]!.free;
};
