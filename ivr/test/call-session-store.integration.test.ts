// Call sessions under concurrent webhooks: reads and writes that arrive together share one
// statement, and the optimistic version check still decides every write on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/adapters/db/open-database.ts";
import { SqlCallEndStore } from "../src/adapters/db/sql-call-end-store.ts";
import { purgeCallSessions } from "../src/adapters/db/sql-call-session-purge.ts";
import { SqlCallSessionStore } from "../src/adapters/db/sql-call-session-store.ts";
import type { CallState } from "../src/call-flow/types.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const stateOf = (callSid: string, step: CallState["step"] = "welcome"): CallState => ({
  callSid,
  from: "+4952411111",
  language: "de",
  startedAt: "2021-01-25T08:00:00.000Z",
  step,
  retries: 0,
  path: [step],
  operatorVisits: 0,
  bookings: [],
  bookingAttempt: 0,
});

describe.each(DB_KINDS)("call sessions on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock();
  let store: SqlCallSessionStore;
  const statements: string[] = [];

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    const counted = {
      keyedQuery: (sql: string, params: unknown[], name: string) => (
        statements.push(sql),
        s.db.keyedQuery(sql, params, name)
      ),
    };
    store = new SqlCallSessionStore(counted as Pick<typeof s.db, "keyedQuery">);
  });
  afterAll(async () => {
    await s?.dispose();
  });

  it("when 20 calls' webhooks read their sessions at once, then one statement answers all, each with its own state", async () => {
    const sids = Array.from({ length: 20 }, (_, i) => `CA${String(i).padStart(32, "0")}`);
    for (const sid of sids)
      expect(await store.save(stateOf(sid), null, `k-${sid}`, `<Response>${sid}</Response>`)).toBe(true);
    statements.length = 0;
    const loaded = await Promise.all([...sids, "CA-unknown", sids[0]!].map((sid) => store.load(sid)));
    expect(statements).toHaveLength(1);
    expect(loaded.slice(0, 20).map((l) => l!.state.callSid)).toEqual(sids);
    expect(loaded.slice(0, 20).map((l) => l!.lastResponse)).toEqual(sids.map((sid) => `<Response>${sid}</Response>`));
    expect(loaded[20]).toBeNull();
    // The same call asked twice in one batch: equal, but not the same object.
    expect(loaded[21]!.state).toEqual(loaded[0]!.state);
    expect(loaded[21]!.state).not.toBe(loaded[0]!.state);
  });

  it("when writes arrive together, then one statement saves them and a stale version is refused", async () => {
    const sids = Array.from({ length: 5 }, (_, i) => `CB${String(i).padStart(32, "0")}`);
    for (const sid of sids) await store.save(stateOf(sid), null, "k0", "<Response/>");
    statements.length = 0;
    const results = await Promise.all(
      sids.map((sid, i) => store.save(stateOf(sid, "main-menu"), i === 2 ? 7 : 1, "k1", "<Response>menu</Response>")),
    );
    expect(statements).toHaveLength(1);
    expect(results).toEqual([true, true, false, true, true]);
    const after = await Promise.all(sids.map((sid) => store.load(sid)));
    expect(after.map((a) => [a!.state.step, a!.version])).toEqual([
      ["main-menu", 2],
      ["main-menu", 2],
      ["welcome", 1],
      ["main-menu", 2],
      ["main-menu", 2],
    ]);
  });

  it("when two webhooks of one call save the same version at once, then exactly one wins", async () => {
    const sid = `CC${"0".repeat(32)}`;
    await store.save(stateOf(sid), null, "k0", "<Response/>");
    const results = await Promise.all([
      store.save(stateOf(sid, "birth-year"), 1, "k-a", "<Response>a</Response>"),
      store.save(stateOf(sid, "postcode"), 1, "k-b", "<Response>b</Response>"),
      store.save(stateOf(`CD${"0".repeat(32)}`), null, "k0", "<Response/>"),
    ]);
    expect(results).toEqual([true, false, true]);
    const saved = await store.load(sid);
    expect(saved).toMatchObject({ version: 2, lastRequestKey: "k-a", state: { step: "birth-year" } });
  });

  it("when first webhooks of several calls arrive together, then one statement creates their sessions and a repeat loses", async () => {
    statements.length = 0;
    const sid = (n: number) => `CE${String(n).padStart(32, "0")}`;
    const results = await Promise.all([
      store.save(stateOf(sid(1)), null, "k", "<a/>"),
      store.save(stateOf(sid(2)), null, "k", "<b/>"),
      store.save(stateOf(sid(1)), null, "k2", "<c/>"),
    ]);
    expect(statements).toHaveLength(1);
    expect(results).toEqual([true, true, false]);
    expect((await store.load(sid(1)))!.lastResponse).toBe("<a/>");
  });

  it("when three calls end together, then one statement gives their holds back, closes their queue entries and sessions", async () => {
    const centre = await givenCentre(s, "Kreis Kleve").withFreePairs(3);
    const sids = [1, 2, 3].map((n) => `CF${String(n).padStart(32, "0")}`);
    for (const sid of sids) {
      await store.save(stateOf(sid), null, "k", "<Response/>");
      expect(await s.ledger.holdEarliest(centre.id, sid)).not.toBeNull();
    }
    await s.queue.enqueue({ callSid: sids[1]!, language: "de", phone: null, reason: "pressed-0", context: {} });
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(0);
    const ends: string[] = [];
    const ending = new SqlCallEndStore({
      keyedQuery: (sql: string, params: unknown[], name: string) => (
        ends.push(sql),
        s.db.keyedQuery(sql, params, name)
      ),
    } as Pick<typeof s.db, "keyedQuery">);
    await Promise.all([...sids, sids[0]!].map((sid) => ending.ended(sid, new Date())));
    expect(ends).toHaveLength(1);
    expect(await s.ledger.freePairs(centre.id)).toHaveLength(3);
    expect(await s.db.prisma.hold.count({ where: { owner: { in: sids } } })).toBe(0);
    expect(await s.db.prisma.queuedCall.findUnique({ where: { callSid: sids[1]! } })).toMatchObject({
      status: "left",
      result: "hangup",
    });
    expect(await s.db.prisma.callSession.count({ where: { callSid: { in: sids }, endedAt: { not: null } } })).toBe(3);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when calls are long over, then their menu state is deleted: ended ones after the keep time, unended ones after the idle time", async () => {
    const sid = (n: number) => `CG${String(n).padStart(32, "0")}`;
    const now = new Date("2021-01-25T12:00:00Z");
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    // [ended, last webhook]: ended 2 h ago, ended 10 min ago, in progress (idle 7 h), in progress (active).
    const rows: [Date | null, Date][] = [
      [minutesAgo(120), minutesAgo(121)],
      [minutesAgo(10), minutesAgo(11)],
      [null, minutesAgo(7 * 60)],
      [null, minutesAgo(1)],
    ];
    for (const [i, [ended, updated]] of rows.entries()) {
      await store.save(stateOf(sid(i)), null, "k", "<Response/>");
      await s.db.query("UPDATE call_session SET ended_at = $2, updated_at = $3 WHERE call_sid = $1", [
        sid(i),
        ended,
        updated,
      ]);
    }
    const left = async () =>
      (
        await s.db.query<{ call_sid: string }>(
          "SELECT call_sid FROM call_session WHERE call_sid LIKE 'CG%' ORDER BY call_sid",
        )
      ).map((r) => r.call_sid);

    expect(await purgeCallSessions(s.db, { keepEndedMinutes: 60, idleHours: 6 }, now)).toBe(2);
    expect(await left()).toEqual([sid(1), sid(3)]);
    // In small batches all the same, until nothing is left to delete.
    expect(await purgeCallSessions(s.db, { keepEndedMinutes: 5, idleHours: 6 }, now, 1)).toBe(1);
    expect(await left()).toEqual([sid(3)]);
    expect(await purgeCallSessions(s.db, { keepEndedMinutes: 5, idleHours: 6 }, now, 1)).toBe(0);
  });

  it.skipIf(kind !== "postgres")(
    "when the server warms its pool, then every connection is open before the first caller (PostgreSQL only)",
    async () => {
      const backends = async () =>
        (
          await s.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'warm-test'",
          )
        )[0]!.n;
      const pool = await openDatabase({
        databaseUrl: `${s.databaseUrl!}?application_name=warm-test`,
        dataDir: "",
        poolSize: 3,
        keyedPoolSize: 2,
      });
      try {
        expect(await backends()).toBe(0); // a pool opens connections lazily
        await pool.warm();
        expect(await backends()).toBe(5); // both pools
      } finally {
        await pool.close();
      }
    },
  );

  it.skipIf(kind !== "postgres")(
    "when batches of every size are read and saved, then PostgreSQL plans each statement once per connection, as index lookups even on an empty table (PostgreSQL only)",
    async () => {
      // One keyed connection, so the plan cache asked below is the one the statements used. Its
      // call_session is an empty temporary table (it comes first in the search path), so the
      // plan is made where the planner would otherwise pick a sequential scan.
      const db = await openDatabase({ databaseUrl: s.databaseUrl!, dataDir: "", poolSize: 1, keyedPoolSize: 1 });
      try {
        await db.keyedQuery(
          "CREATE TEMPORARY TABLE call_session (LIKE public.call_session INCLUDING ALL)",
          [],
          "temp_call_session",
        );
        const own = new SqlCallSessionStore(db);
        const sid = (n: number) => `CH${String(n).padStart(32, "0")}`;
        for (let size = 1; size <= 12; size++) {
          const batch = Array.from({ length: size }, (_, i) => sid(size * 100 + i));
          expect(await Promise.all(batch.map((b) => own.save(stateOf(b), null, "k", "<Response/>")))).toEqual(
            batch.map(() => true),
          );
          expect((await Promise.all(batch.map((b) => own.load(b)))).map((l) => l!.version)).toEqual(batch.map(() => 1));
          expect(
            await Promise.all(batch.map((b) => own.save(stateOf(b, "main-menu"), 1, "k1", "<Response/>"))),
          ).toEqual(batch.map(() => true));
        }
        const plans = await db.keyedQuery<{ name: string; generic_plans: number; custom_plans: number }>(
          "SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name IN ('call_session_load_many', 'call_session_update_many') ORDER BY name",
          [],
          "plans_test",
        );
        expect(plans).toEqual([
          { name: "call_session_load_many", generic_plans: 12, custom_plans: 0 },
          { name: "call_session_update_many", generic_plans: 12, custom_plans: 0 },
        ]);
        const plan = await db.keyedQuery<{ "QUERY PLAN": string }>(
          `EXPLAIN EXECUTE call_session_load_many('{${sid(1)}}')`,
          [],
          "plan_test",
        );
        expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/^Index Scan using call_session_pkey/);
        // The ledger's and the console's statements keep PostgreSQL's own choice.
        expect(
          await db.query(
            "SELECT current_setting('plan_cache_mode') AS mode, current_setting('enable_seqscan') AS seqscan",
          ),
        ).toEqual([{ mode: "auto", seqscan: "on" }]);
      } finally {
        await db.close();
      }
    },
  );
});
