import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPostcodes } from "../src/adapters/db/reference-data.ts";
import { loadConfig } from "../src/config.ts";
import { MIGRATIONS_DIR, REFERENCE_DATA_DIR } from "../src/paths.ts";
import { readMigrations } from "../src/adapters/db/migrator.ts";
import { createLogger } from "../src/logger.ts";
import { openServices, type Services } from "../src/services.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestDatabase, DB_KINDS } from "./support/test-services.ts";

async function counts(s: Services) {
  const [row] = await s.db.prisma.$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM kv_region) AS regions, (SELECT count(*)::int FROM district) AS districts,
           (SELECT count(*)::int FROM centre) AS centres, (SELECT count(*)::int FROM postcode) AS postcodes,
           (SELECT count(*)::int FROM supply_release) AS releases, (SELECT count(*)::int FROM slot) AS slots,
           (SELECT count(*)::int FROM "_prisma_migrations") AS migrations`;
  return row!;
}

describe.each(DB_KINDS)("starting the hotline on %s", (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("when the database is empty, then the first start migrates and seeds, and a second start changes nothing", async () => {
    let env: Record<string, string>;
    if (kind === "postgres") {
      const db = await createTestDatabase();
      cleanups.push(() => db.drop());
      env = { DATABASE_URL: db.url };
    } else {
      const dir = mkdtempSync(join(tmpdir(), "impftermin-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { DATA_DIR: dir };
    }
    const config = loadConfig({
      ...env,
      LOG_LEVEL: "silent",
      SEED_WEEKS: "2",
      SEED_WEEKLY_DOSES_HESSEN: "4900",
      SEED_WEEKLY_DOSES_NORDRHEIN: "5000",
      SEED_WEEKLY_DOSES_WESTFALEN_LIPPE: "5000",
    });
    const clock = new FakeClock();

    const first = await openServices(config, createLogger("silent"), clock);
    const before = await counts(first);
    const pairs = await first.db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT sum(capacity)::int AS n FROM slot WHERE dose = 1`;
    await first.close();

    expect(before).toMatchObject({
      regions: 3,
      districts: 79,
      centres: 79,
      releases: 6,
      migrations: readMigrations(MIGRATIONS_DIR).length,
    });
    expect(before.postcodes).toBe(readPostcodes(REFERENCE_DATA_DIR).length);
    // Two weeks of (2,500 + 2,500 + 2,450) pairs; nothing more.
    expect(pairs[0]!.n).toBe(2 * (2_500 + 2_500 + 2_450));

    const second = await openServices(config, createLogger("silent"), clock);
    const after = await counts(second);
    await second.close();
    expect(after).toEqual(before);
  });
});
