// One dialler at a time across processes: of the processes standing by, the lease holder
// dials; when it dies, another takes over within a lease's length. Leases live in the
// database, judged by its clock, so this holds across machines too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlLeaseStore } from "../src/adapters/db/sql-lease-store.ts";
import { Leadership, type LeaseStore } from "../src/worker/leadership.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store that stops answering, as a process that died or lost its network would. */
class Dying implements LeaseStore {
  dead = false;
  constructor(private readonly store: LeaseStore) {}
  take(name: string, holder: string, seconds: number) {
    return this.dead ? new Promise<boolean>(() => undefined) : this.store.take(name, holder, seconds);
  }
  release(name: string, holder: string) {
    return this.dead ? new Promise<void>(() => undefined) : this.store.release(name, holder);
  }
}

describe.each(DB_KINDS)("the dialler's lease on %s", (kind) => {
  let s: TestServices;
  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock());
  });
  afterAll(() => s?.dispose());

  it("when three processes stand by, then exactly one holds the lease, and it keeps it", async () => {
    const store = new SqlLeaseStore(s.db);
    const all = ["a", "b", "c"].map(
      (holder) => new Leadership(store, { name: "test-three", holder, leaseSeconds: 2, renewMs: 100 }),
    );
    for (const l of all) l.start();
    await sleep(400);
    const leaders = all.filter((l) => l.isLeader);
    expect(leaders).toHaveLength(1);
    await sleep(400);
    expect(all.filter((l) => l.isLeader)).toEqual(leaders);
    await Promise.all(all.map((l) => l.stop()));
  });

  it("when the holder dies, then a standby takes over within the lease, and never while it is valid", async () => {
    const dying = new Dying(new SqlLeaseStore(s.db));
    const first = new Leadership(dying, { name: "test-death", holder: "first", leaseSeconds: 1, renewMs: 100 });
    expect(await first.renew()).toBe(true);
    const standby = new Leadership(new SqlLeaseStore(s.db), {
      name: "test-death",
      holder: "standby",
      leaseSeconds: 1,
      renewMs: 100,
    });
    expect(await standby.renew()).toBe(false);
    dying.dead = true;
    const diedAt = Date.now();
    // Still inside the dead holder's lease: nobody else may dial.
    expect(await standby.renew()).toBe(false);
    let tookOverAfter = -1;
    while (Date.now() - diedAt < 3_000) {
      if (await standby.renew()) {
        tookOverAfter = Date.now() - diedAt;
        break;
      }
      await sleep(50);
    }
    expect(tookOverAfter).toBeGreaterThan(0);
    expect(tookOverAfter).toBeLessThan(2_500);
    await standby.stop();
  });

  it("when the holder stops, then it hands the lease back at once", async () => {
    const store = new SqlLeaseStore(s.db);
    const a = new Leadership(store, { name: "test-stop", holder: "a", leaseSeconds: 30, renewMs: 1_000 });
    const b = new Leadership(store, { name: "test-stop", holder: "b", leaseSeconds: 30, renewMs: 1_000 });
    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    await a.stop();
    expect(await b.renew()).toBe(true);
    await b.stop();
  });
});
