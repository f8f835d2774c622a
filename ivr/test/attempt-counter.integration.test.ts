// The abuse limits' counter, the same contract in memory, on PGlite and on PostgreSQL: fixed
// windows for rates, sliding ones for failures behind a backoff, and attempts of several
// processes counted together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlAttemptCounter } from "../src/adapters/db/sql-attempt-counter.ts";
import type { AttemptCounter } from "../src/domain/limits/attempt-counter.ts";
import { MemoryAttemptCounter } from "../src/domain/limits/memory-attempt-counter.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

describe.each(["memory", ...DB_KINDS] as const)("the attempt counter in %s", (kind) => {
  let s: TestServices | null = null;
  let counter: AttemptCounter;
  const clock = new FakeClock();
  const at = (seconds: number) => new Date(clock.now().getTime() + seconds * 1000);

  beforeAll(async () => {
    if (kind === "memory") counter = new MemoryAttemptCounter();
    else {
      s = await createTestServices(kind, clock);
      counter = new SqlAttemptCounter(s.db);
    }
  });
  afterAll(async () => {
    await s?.dispose();
  });

  it("when attempts fall in a fixed window, then they count up until it ends and then start again at 1", async () => {
    const w = [{ key: "fixed:a", seconds: 60, sliding: false }];
    expect((await counter.hit(w, at(0)))[0]).toMatchObject({ count: 1, expiresAt: at(60) });
    expect((await counter.hit(w, at(30)))[0]).toMatchObject({ count: 2, expiresAt: at(60), lastAt: at(30) });
    expect((await counter.peek(["fixed:a"], at(59)))[0]!.count).toBe(2);
    expect((await counter.peek(["fixed:a"], at(60)))[0]!.count).toBe(0);
    expect((await counter.hit(w, at(61)))[0]).toMatchObject({ count: 1, expiresAt: at(121) });
  });

  it("when attempts keep coming to a sliding window, then it is forgotten only after a quiet period", async () => {
    const w = [{ key: "sliding:a", seconds: 60, sliding: true }];
    for (let i = 0; i < 5; i++) await counter.hit(w, at(i * 50));
    expect((await counter.peek(["sliding:a"], at(250)))[0]).toMatchObject({ count: 5, expiresAt: at(260) });
    expect((await counter.peek(["sliding:a"], at(260)))[0]!.count).toBe(0);
  });

  it("when several keys are counted at once, then each in its own window, in the order given", async () => {
    const states = await counter.hit(
      [
        { key: "multi:b", seconds: 10, sliding: false },
        { key: "multi:a", seconds: 20, sliding: true },
      ],
      at(0),
    );
    expect(states.map((st) => [st.key, st.count])).toEqual([
      ["multi:b", 1],
      ["multi:a", 1],
    ]);
    await counter.undo(["multi:a", "multi:unknown"]);
    await counter.clear(["multi:b"]);
    expect((await counter.peek(["multi:a", "multi:b"], at(1))).map((st) => st.count)).toEqual([0, 0]);
  });

  it("when many attempts race for one key, then every one is counted exactly once", async () => {
    const w = [{ key: "race:a", seconds: 60, sliding: true }];
    const counts = await Promise.all(Array.from({ length: 40 }, () => counter.hit(w, at(0))));
    expect(counts.map((c) => c[0]!.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("when counts have run out, then the sweep deletes them and keeps the live ones", async () => {
    await counter.hit([{ key: "sweep:old", seconds: 5, sliding: false }], at(0));
    await counter.hit([{ key: "sweep:live", seconds: 500, sliding: false }], at(0));
    expect(await counter.sweep(at(10))).toBeGreaterThanOrEqual(1);
    expect((await counter.peek(["sweep:live"], at(10)))[0]!.count).toBe(1);
  });
});
