// The callback queue's promises, straight against the service and a real database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallbackRequestInput } from "../src/domain/callbacks/callback-service.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const request = (phone: string, over: Partial<CallbackRequestInput> = {}): CallbackRequestInput => ({
  phone,
  phoneSource: "caller-id",
  language: "de",
  reason: "agent",
  birthYear: 1938,
  hasCode: false,
  context: {},
  holdId: null,
  originCallSid: null,
  ...over,
});

/** Spearman's rank correlation of two orderings of the same items. */
function spearman(a: number[], b: number[]): number {
  const n = a.length;
  const rankB = new Map(b.map((v, i) => [v, i]));
  const d2 = a.reduce((sum, v, i) => sum + (i - rankB.get(v)!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe.each(DB_KINDS)("the callback queue on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock, {
      CALLBACK_MAX_ATTEMPTS: "3",
      CALLBACK_RETRY_MINUTES: "120,1440",
      CALLBACK_LEASE_SECONDS: "120",
    });
  });
  afterAll(async () => {
    await s?.dispose();
  });
  beforeEach(async () => {
    clock.set("2021-01-25T08:00:00+01:00");
    for (const table of ["callback_attempt", "callback_request"])
      await s.db.prisma.$executeRawUnsafe(`DELETE FROM ${table}`);
  });

  const drain = async () => {
    const order: number[] = [];
    for (;;) {
      const claim = await s.callbacks.claimNext("test");
      if (!claim) return order;
      order.push(claim.request.id);
      await s.callbacks.record(claim, "connected");
    }
  };

  it("when 200 people register in the first hour after opening, then the order they are served in does not follow arrival", async () => {
    const arrival: number[] = [];
    for (let i = 0; i < 200; i++) {
      clock.set(new Date(Date.parse("2021-01-25T08:00:00+01:00") + i * 17_000).toISOString());
      arrival.push((await s.callbacks.register(request(`+49521000${String(i).padStart(4, "0")}`))).request.id);
    }
    clock.set("2021-01-25T10:00:00+01:00");
    const served = await drain();
    expect([...served].sort((a, b) => a - b)).toEqual([...arrival].sort((a, b) => a - b));
    // Under random order, rho has a standard deviation of about 1/sqrt(199) = 0.07; serving
    // in arrival order would give exactly 1.
    expect(Math.abs(spearman(arrival, served))).toBeLessThan(0.3);
    expect(spearman(arrival, arrival)).toBe(1);
  });

  it("when priorities differ, then code holders come first, then older people, then later windows", async () => {
    clock.set("2021-01-25T08:10:00+01:00");
    const young = (await s.callbacks.register(request("+4952100001", { birthYear: 1940 }))).request.id;
    const old = (await s.callbacks.register(request("+4952100002", { birthYear: 1929 }))).request.id;
    const code = (await s.callbacks.register(request("+4952100003", { birthYear: 1940, hasCode: true }))).request.id;
    clock.set("2021-01-25T09:20:00+01:00");
    const laterWindow = (await s.callbacks.register(request("+4952100004", { birthYear: 1940 }))).request.id;
    expect(await drain()).toEqual([code, old, young, laterWindow]);
  });

  it("when nobody answers, then retries come later each time, inside calling hours, and the last failure flags a letter", async () => {
    const { request: r } = await s.callbacks.register(request("+4952411111"));
    let claim = (await s.callbacks.claimNext("w1"))!;
    expect(claim.request.id).toBe(r.id);
    let after = await s.callbacks.record(claim, "no-answer");
    expect(after).toMatchObject({ status: "pending", attempts: 1 });
    expect(after!.nextAttemptAt!.toISOString()).toBe("2021-01-25T09:00:00.000Z");
    expect(await s.callbacks.claimNext("w1")).toBeNull();

    clock.set("2021-01-25T21:30:00+01:00");
    claim = (await s.callbacks.claimNext("w1"))!;
    after = await s.callbacks.record(claim, "no-answer");
    // 24 hours later would be 21:30 tomorrow, still inside hours.
    expect(after!.nextAttemptAt!.toISOString()).toBe("2021-01-26T20:30:00.000Z");

    clock.set("2021-01-26T21:45:00+01:00");
    claim = (await s.callbacks.claimNext("w1"))!;
    after = await s.callbacks.record(claim, "no-answer");
    expect(after).toMatchObject({ status: "failed", attempts: 3, finalNotice: "letter" });
    expect(await s.callbacks.claimNext("w1")).toBeNull();
  });

  it("when twenty claimers race for ten requests, then each request goes to exactly one", async () => {
    for (let i = 0; i < 10; i++) await s.callbacks.register(request(`+4952422${i}000`));
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => s.callbacks.claimNext(`agent-${i}`)));
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((c) => c!.request.id)).size).toBe(10);
  });

  it("when a claimer goes silent past its lease, then another takes the request and the first can no longer finish it", async () => {
    await s.callbacks.register(request("+4952433333"));
    const first = (await s.callbacks.claimNext("dead-worker"))!;
    expect(await s.callbacks.claimNext("other")).toBeNull();
    clock.advance(3);
    const second = (await s.callbacks.claimNext("other"))!;
    expect(second.request.id).toBe(first.request.id);
    expect(await s.callbacks.record(first, "connected")).toBeNull();
    expect(await s.callbacks.record(second, "connected")).toMatchObject({ status: "done", outcome: "connected" });
  });

  it("when someone waits for new appointments, then they are not due until supply is released", async () => {
    const { request: r, window } = await s.callbacks.register(request("+4952444444", { reason: "awaiting-supply" }));
    expect(window).toBeNull();
    expect(await s.callbacks.claimNext("w")).toBeNull();
    expect(await s.callbacks.wakeAwaitingSupply()).toBe(1);
    expect((await s.callbacks.claimNext("w"))?.request.id).toBe(r.id);
  });
});
