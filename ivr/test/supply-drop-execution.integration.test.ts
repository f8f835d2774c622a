// A supply drop's execution outlives the request that starts it: 19,000 moved pairs take
// minutes (about 14 ms each), the server's requests time out after 10 s. "Ausführen" answers
// 202 at once, the console asks for the progress; an execution whose process died is taken
// over by the background job once its claim is stale. PGlite always, PostgreSQL when configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlSupplyDropStore } from "../src/adapters/db/sql-supply-drop-store.ts";
import { STALE_MS, SupplyDrops } from "../src/domain/supply/supply-drops.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = { SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123" };
const WEEK = "2021-01-25";

interface Progress {
  dropId: number;
  status: string;
  moving: number;
  moved: number;
  result: { moved: number; unmovable: number; pairsCut: number; replayed: boolean } | null;
}

describe.each(DB_KINDS)("a supply drop's execution in the background on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let leitung: ConsoleClient;
  const clock = new FakeClock("2021-01-25T08:00:00+01:00");

  /** Booked pairs on Wednesday of the dropped week, and room for them a week later. */
  async function givenBookedWeek(district: string, booked: number, from: number) {
    const centre = await givenCentre(s, district).withFreePairs(booked, { day: "2021-01-27" });
    await givenCentre(s, district).withFreePairs(booked, { day: "2021-02-03" });
    const pairs = await s.ledger.freePairs(centre.id, { limit: booked });
    for (const [i, p] of pairs.entries())
      await s.ledger.book({ firstSlotId: p.firstSlotId, person: person(from + i), channel: "phone" });
  }

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    await givenBookedWeek("Kreis Gütersloh", 24, 0);
    await givenBookedWeek("Köln", 12, 100);
    server = await startTestServer(s, ACCOUNTS);
    leitung = new ConsoleClient(server.url);
    await leitung.login("leitung", "pw-leitung-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when the supervisor executes, then the answer comes at once (202) and the progress leads to the result", async () => {
    const preview = await leitung.call("POST", "/api/supervisor/supply-drops/preview", {
      regionId: "westfalen-lippe",
      vaccineId: "biontech",
      weekStart: WEEK,
      dosesLost: 48,
      shiftDays: 7,
    });
    expect(preview.status).toBe(201);
    const { dropId, moving } = preview.body as { dropId: number; moving: number };
    expect(moving).toBe(24);

    const started = await leitung.call("POST", `/api/supervisor/supply-drops/${dropId}/execute`, {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ dropId, status: "executing", moving: 24, result: null });

    let progress = started.body as Progress;
    const seen: number[] = [];
    for (let i = 0; i < 300 && progress.status !== "executed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = await leitung.call("GET", `/api/supervisor/supply-drops/${dropId}`);
      expect(answer.status).toBe(200);
      progress = answer.body as Progress;
      seen.push(progress.moved);
    }
    expect(progress.status).toBe("executed");
    expect(progress.moved).toBe(24);
    expect(progress.result).toMatchObject({ moved: 24, unmovable: 0, replayed: false });
    // The count only grows.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    // Again: the first result, not a second execution.
    const again = await leitung.call("POST", `/api/supervisor/supply-drops/${dropId}/execute`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ dropId, moved: 24, replayed: true });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when an unknown drop is asked for, then a typed 404", async () => {
    const answer = await leitung.call("GET", "/api/supervisor/supply-drops/999999");
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: "supply_drop_unknown" } });
  });

  it("when the process died after claiming a drop, then the resume job takes it over once the claim is stale, not before", async () => {
    const drops = new SupplyDrops(new SqlSupplyDropStore(s.db), s.geography, clock);
    const preview = await drops.preview(
      { regionId: "nordrhein", vaccineId: "biontech", weekStart: WEEK, dosesLost: 24, shiftDays: 7 },
      "leitung",
    );
    expect(preview.moving).toBe(12);
    // Claimed, then nothing: the process that claimed it is gone.
    const started = await drops.begin(preview.dropId, "leitung");
    expect("drop" in started).toBe(true);
    expect(await drops.resumeStale("system:resume")).toBe(0);
    // While claimed, "Ausführen" again is refused, typed.
    await expect(drops.execute(preview.dropId, "leitung")).rejects.toMatchObject({ code: "supply_drop_busy" });

    clock.advance(STALE_MS / 60_000 + 1);
    expect(await drops.resumeStale("system:resume")).toBe(1);
    const done = await drops.progress(preview.dropId);
    expect(done).toMatchObject({ status: "executed", moved: 12, result: { moved: 12 } });
    expect(await drops.resumeStale("system:resume")).toBe(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
