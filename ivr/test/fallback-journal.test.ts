// The database goes away mid-call: the caller gets an apology, then the fallback, which
// takes a callback number into the fsync'ed journal; once the database is back the journal
// is replayed into it exactly once.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createHotline } from "../src/hotline-app.ts";
import { createLogger } from "../src/logger.ts";
import { openServices } from "../src/services.ts";
import { FakeClock } from "./support/clock.ts";
import { placeCall } from "./support/phone.ts";
import { createTestDatabase, DB_KINDS } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN } from "./support/test-server.ts";

describe.each(DB_KINDS)("the fallback journal on %s", (kind) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("when the database is down, then a callback number is journaled, and replayed exactly once when it is back", async () => {
    const journalDir = mkdtempSync(join(tmpdir(), "journal-"));
    cleanups.push(() => rmSync(journalDir, { recursive: true, force: true }));
    let env: Record<string, string>;
    let outage: { start(): Promise<void>; end(): Promise<void> };
    if (kind === "postgres") {
      const db = await createTestDatabase();
      cleanups.push(() => db.drop());
      env = { DATABASE_URL: db.url };
      const name = new URL(db.url).pathname.slice(1);
      const admin = async (sql: string) => {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(sql);
        await c.end();
      };
      outage = {
        start: async () => {
          await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
          await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        },
        end: () => admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`),
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), "pglite-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env = { DATA_DIR: dir };
      outage = { start: async () => undefined, end: async () => undefined };
    }
    const config = loadConfig({
      ...env,
      JOURNAL_DIR: journalDir,
      SEED_WEEKS: "0",
      LOG_LEVEL: "silent",
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    });
    const clock = new FakeClock();
    const before = await openServices(config, createLogger("silent"), clock);
    const server = await startTestServer(before, { JOURNAL_DIR: journalDir });
    cleanups.push(() => server.close());

    await outage.start();
    // PGlite is in-process: its outage is the database closing under the server.
    if (kind === "pglite") await before.db.close();

    const call = await placeCall(
      server,
      [
        {
          expect:
            /technisches Problem.*Buchungssystem ist gerade gestört.*unter der Nummer 0 5 2 4 1 7 7 7 7 7 zurückrufen/s,
          answer: "1",
        },
      ],
      { from: "+4952417777" + "7" },
    );
    expect(call.spoken).toMatch(/Ihre Nummer ist gespeichert/);
    expect(call.emulator.httpStatuses.every((st) => st === 200 || st === 204)).toBe(true);
    expect(readdirSync(journalDir).filter((f) => f.endsWith(".jsonl"))).toHaveLength(1);

    // The database comes back (for PGlite: the process restarts on the same folder).
    await outage.end();
    const after = kind === "pglite" ? await openServices(config, createLogger("silent"), clock) : before;
    cleanups.push(() => after.close().catch(() => undefined));
    const hotline = await createHotline(after, config, createLogger("silent"));
    const [first, second] = [await hotline.replayJournal(), await hotline.replayJournal()];
    expect(first).toBe(1);
    expect(second).toBe(0);
    const requests = await after.db.prisma.callbackRequest.findMany();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      phone: "+49524177777",
      phoneSource: "caller-id",
      reason: "fallback",
      status: "pending",
    });
    expect(requests[0]!.journalId).toMatch(/[0-9a-f-]{36}/);
    // A replay interrupted and repeated (the same entries again) inserts nothing twice.
    await after.callbacks.register({
      phone: "+49524177777",
      phoneSource: "caller-id",
      language: "de",
      reason: "fallback",
      birthYear: null,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
      journalId: requests[0]!.journalId,
    });
    expect(await after.db.prisma.callbackRequest.count()).toBe(1);
  });
});
