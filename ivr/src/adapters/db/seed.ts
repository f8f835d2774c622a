// First start against an empty database: reference data, then eight weeks of supply from
// tomorrow, scarce like January 2021. A database that already has them is left alone.
import type { Logger } from "pino";
import type { Ledger } from "../../domain/ledger/ledger.ts";
import { addDays, berlinDate } from "../../domain/time/berlin.ts";
import type { Database } from "./open-database.ts";
import { readDistricts, readPostcodes, REGIONS, VACCINES } from "./reference-data.ts";

const SEED_LOCK = 72_021_126;

export interface SupplySeed {
  weeks: number;
  weeklyDoses: Record<string, number>; // by region id
  vaccineId: string;
}

/** Inserts regions, districts, centres and postcodes when the database has none. */
export async function seedReferenceData(db: Database, dataDir: string): Promise<boolean> {
  const session = await db.session();
  try {
    await session.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
    const [{ n }] = (await session.query<{ n: number }>("SELECT count(*)::int AS n FROM kv_region")) as [{ n: number }];
    if (n > 0) return false;
    const districts = readDistricts(dataDir);
    const postcodes = readPostcodes(dataDir);
    await session.exec("BEGIN");
    try {
      for (const r of REGIONS)
        await session.query("INSERT INTO kv_region (id, name, state) VALUES ($1, $2, $3)", [r.id, r.name, r.state]);
      for (const v of VACCINES) {
        await session.query("INSERT INTO vaccine (id, name, second_dose_after_days) VALUES ($1, $2, $3)", [
          v.id,
          v.name,
          v.secondDoseAfterDays,
        ]);
      }
      for (const d of districts) {
        const [row] = await session.query<{ id: number }>(
          `INSERT INTO district (name, kind, state, regierungsbezirk, region_id, latitude, longitude)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [d.name, d.kind, d.state, d.regierungsbezirk, d.regionId, d.latitude, d.longitude],
        );
        await session.query(
          `INSERT INTO centre (district_id, name, street, postcode, city, opens_at, closes_at, lanes)
           VALUES ($1, $2, $3, $4, $5, '08:00', '20:00', $6)`,
          [row!.id, d.centre.name, d.centre.street, d.centre.postcode, d.centre.city, d.centre.lanes],
        );
      }
      // 13,000 postcodes in one statement; places travel as one '|'-joined string per row.
      await session.query(
        `INSERT INTO postcode (code, district_name, state, places, district_id)
         SELECT p.code, p.district_name, p.state, string_to_array(p.places, '|'), d.id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(code, district_name, state, places)
           LEFT JOIN district d ON d.name = p.district_name AND d.state = p.state`,
        [
          postcodes.map((p) => p.code),
          postcodes.map((p) => p.districtName),
          postcodes.map((p) => p.state),
          postcodes.map((p) => p.places.join("|")),
        ],
      );
      await session.exec("COMMIT");
    } catch (error) {
      await session.exec("ROLLBACK");
      throw error;
    }
    return true;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK]).catch(() => undefined);
    await session.release();
  }
}

/** Releases `weeks` weeks of supply from tomorrow when nothing was ever released. */
export async function seedSupply(
  db: Database,
  ledger: Ledger,
  seed: SupplySeed,
  now: Date,
  logger: Logger,
): Promise<number> {
  const session = await db.session();
  try {
    await session.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
    const [{ n }] = (await session.query<{ n: number }>("SELECT count(*)::int AS n FROM supply_release")) as [
      { n: number },
    ];
    if (n > 0) return 0;
    const tomorrow = addDays(berlinDate(now), 1);
    let pairs = 0;
    for (let week = 0; week < seed.weeks; week++) {
      for (const region of REGIONS) {
        const doses = seed.weeklyDoses[region.id] ?? 0;
        const result = await ledger.releaseSupply(
          {
            regionId: region.id,
            vaccineId: seed.vaccineId,
            weekStart: addDays(tomorrow, week * 7),
            doses,
            releasedBy: "seed",
          },
          { deferStatistics: true },
        );
        pairs += result.pairs;
      }
    }
    await ledger.refreshStatistics();
    logger.info({ weeks: seed.weeks, pairs }, "seeded supply");
    return pairs;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK]).catch(() => undefined);
    await session.release();
  }
}
