// The outbound scheduler: one pacing loop for every call the system places, over a task table
// in the database. Calling hours, priorities, the calls-per-second budget, retries and the
// claim that keeps two processes from ever dialling one task twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlOutboundStore } from "../src/adapters/db/sql-outbound-store.ts";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { OutboundCalls } from "../src/domain/outbound/outbound-calls.ts";
import type { OutboundTask } from "../src/domain/outbound/outbound-store.ts";
import { OutboundScheduler, type OutboundSource } from "../src/domain/outbound/scheduler.ts";
import { TaskSource } from "../src/domain/outbound/task-source.ts";
import type { OutboundCall, Telephony } from "../src/domain/telephony/telephony.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

class RecordingPhone {
  readonly placed: (OutboundCall & { callSid: string })[] = [];
  async placeCall(call: OutboundCall) {
    const callSid = `CA${this.placed.length + 1}`;
    this.placed.push({ ...call, callSid });
    return { callSid };
  }
}

const URLS = {
  answer: (id: number) => `https://hotline.test/voice/outbound/answer?task=${id}`,
  status: "https://hotline.test/s",
};

describe.each(DB_KINDS)("the outbound scheduler on %s", (kind) => {
  let s: TestServices;
  let clock: FakeClock;
  let calls: OutboundCalls;
  let gaveUp: OutboundTask[];

  beforeAll(async () => {
    clock = new FakeClock();
    s = await createTestServices(kind, clock);
  });
  afterAll(() => s?.dispose());
  beforeEach(async () => {
    await s.db.query("DELETE FROM outbound_call");
    clock.set("2021-01-25T10:00:00+01:00");
    calls = new OutboundCalls(new SqlOutboundStore(s.db), clock, {
      callingHours: { opensAt: "09:00", closesAt: "19:00" },
      agentHours: () => ({ opensAt: "08:00", closesAt: "22:00" }),
    });
    gaveUp = [];
    calls.onGaveUp("invitation", { gaveUp: async (task) => void gaveUp.push(task) });
  });

  /** Without a budget given, each tick sees a second gone by: pacing never holds a test up. */
  const scheduler = (phone: RecordingPhone, extra: OutboundSource[] = [], callsPerSecond?: number, id = "w1") => {
    let fakeMs = 0;
    return new OutboundScheduler({
      sources: [new TaskSource(calls, URLS, async () => true), ...extra],
      telephony: phone as unknown as Telephony,
      callsPerSecond: () => callsPerSecond ?? 1,
      workerId: id,
      ...(callsPerSecond === undefined ? { nowMs: () => (fakeMs += 1_000) } : {}),
    });
  };
  const invitation = (n: number, over: Partial<Parameters<OutboundCalls["enqueue"]>[0][number]> = {}) => ({
    kind: "invitation" as const,
    subjectId: String(n),
    phone: `+4915112345${String(n).padStart(3, "0")}`,
    language: "de",
    notBefore: clock.now(),
    notAfter: null,
    ...over,
  });

  it("when a task is due at 20:00, then it is not dialled until calling hours begin at 09:00 the next morning", async () => {
    clock.set("2021-01-25T20:00:00+01:00");
    await calls.enqueue([invitation(1)]);
    const phone = new RecordingPhone();
    const loop = scheduler(phone);
    expect(await loop.tick()).toBeNull();
    clock.set("2021-01-26T08:59:00+01:00");
    expect(await loop.tick()).toBeNull();
    clock.set("2021-01-26T09:00:00+01:00");
    expect(await loop.tick()).toBe("invitation:1");
    expect(phone.placed).toHaveLength(1);
    expect(phone.placed[0]!.machineDetection).toBe("DetectMessageEnd");
    expect(phone.placed[0]!.answerUrl).toMatch(/\/voice\/outbound\/answer\?task=\d+$/);
  });

  it("when a task is queued twice for the same subject, then it is dialled once", async () => {
    expect(await calls.enqueue([invitation(1), invitation(2)])).toBe(2);
    expect(await calls.enqueue([invitation(1)])).toBe(0);
    const phone = new RecordingPhone();
    const loop = scheduler(phone);
    while (await loop.tick());
    expect(phone.placed.map((c) => c.to).sort()).toEqual([invitation(1).phone, invitation(2).phone]);
  });

  it("when callbacks are waiting, then they are placed before any task, whatever was queued first", async () => {
    await calls.enqueue([invitation(1)]);
    let callbacks = 2;
    const callbackSource: OutboundSource = {
      name: "callbacks",
      priority: 0,
      async next() {
        if (callbacks === 0) return null;
        const ref = `callback:${callbacks--}`;
        return {
          ref,
          call: { to: "+4952410000", answerUrl: "a", statusCallbackUrl: "b" },
          placed: async () => undefined,
          notPlaced: async () => undefined,
        };
      },
    };
    const loop = scheduler(new RecordingPhone(), [callbackSource]);
    expect([await loop.tick(), await loop.tick(), await loop.tick()]).toEqual([
      "callback:2",
      "callback:1",
      "invitation:1",
    ]);
  });

  it("when two scheduler processes tick at once over 40 tasks, then every task is dialled exactly once", async () => {
    await calls.enqueue(Array.from({ length: 40 }, (_, i) => invitation(i + 1)));
    const phone = new RecordingPhone();
    const a = scheduler(phone, [], undefined, "a");
    const b = scheduler(phone, [], undefined, "b");
    for (let round = 0; round < 30; round++) await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    const numbers = phone.placed.map((c) => c.to);
    expect(numbers).toHaveLength(40);
    expect(new Set(numbers).size).toBe(40);
  });

  it("when the budget is 2 calls per second, then 2.1 seconds of ticking place at most 5 calls", async () => {
    await calls.enqueue(Array.from({ length: 20 }, (_, i) => invitation(i + 1)));
    const phone = new RecordingPhone();
    const loop = scheduler(phone, [], 2);
    const started = Date.now();
    while (Date.now() - started < 2_100) {
      await loop.tick();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(phone.placed.length).toBeGreaterThanOrEqual(4);
    expect(phone.placed.length).toBeLessThanOrEqual(5);
  });

  it("when nobody answers three times, then the tries are three hours and a day apart, in calling hours, and then the kind's other way", async () => {
    await calls.enqueue([invitation(7)]);
    const phone = new RecordingPhone();
    const loop = scheduler(phone);
    const times: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Advance to the moment the task is due again.
      for (let i = 0; i < 48 * 4 && (await loop.tick()) === null; i++) clock.advance(15);
      times.push(clock.now().toISOString());
      const placed = phone.placed.at(-1)!;
      await calls.dialEnded(placed.callSid, "no-answer", 0);
    }
    expect(times).toEqual(["2021-01-25T09:00:00.000Z", "2021-01-25T12:00:00.000Z", "2021-01-26T09:00:00.000Z"]);
    expect(gaveUp.map((t) => t.subjectId)).toEqual(["7"]);
    expect((await s.db.query<{ status: string }>("SELECT status FROM outbound_call"))[0]!.status).toBe("gave-up");
  });

  it("when a machine answers, then the attempt counts as not reached and the task is tried again; a person ends it", async () => {
    await calls.enqueue([invitation(3), invitation(4)]);
    const phone = new RecordingPhone();
    const loop = scheduler(phone);
    await loop.tick();
    await loop.tick();
    const [first, second] = phone.placed;
    await calls.answered(first!.callSid, "machine");
    await calls.answered(second!.callSid, "human");
    const machine = await calls.dialEnded(first!.callSid, "completed", 20);
    const person = await calls.dialEnded(second!.callSid, "completed", 95);
    expect([machine?.status, machine?.lastOutcome]).toEqual(["pending", "machine"]);
    expect([person?.status, person?.lastOutcome]).toEqual(["done", "human"]);
  });

  it("when a process dies after claiming, then the task goes back in line once the claim runs out", async () => {
    await calls.enqueue([invitation(5)]);
    const claim = await calls.claimNext("dead", false);
    expect(claim?.task.subjectId).toBe("5");
    const phone = new RecordingPhone();
    const loop = scheduler(phone);
    expect(await loop.tick()).toBeNull();
    clock.advance(1);
    expect(await loop.tick()).toBe("invitation:5");
    expect((await calls.find(claim!.task.id))?.attempts).toBe(2);
  });

  it("when the task's not-after passes before it could be dialled, then it expires and the kind's other way is taken", async () => {
    clock.set("2021-01-25T19:30:00+01:00");
    await calls.enqueue([invitation(9, { notAfter: new Date("2021-01-26T08:00:00+01:00") })]);
    clock.set("2021-01-26T09:00:00+01:00");
    expect(await scheduler(new RecordingPhone()).tick()).toBeNull();
    expect(gaveUp.map((t) => t.subjectId)).toEqual(["9"]);
  });

  it("when the subject needs no call any more, then the cancelled task is never dialled", async () => {
    await calls.enqueue([invitation(6)]);
    expect(await calls.cancel("invitation", "6")).toBe(true);
    expect(await scheduler(new RecordingPhone()).tick()).toBeNull();
  });

  it("when an outbound call ended more than 30 days ago, then the retention run deletes it; open ones stay", async () => {
    await calls.enqueue([invitation(1), invitation(2)]);
    await calls.cancel("invitation", "1");
    await s.db.query(`UPDATE outbound_call SET updated_at = $1`, [new Date("2020-12-01T00:00:00Z")]);
    await new SqlPrivacyStore(s.db).deleteClosedCallbacksBefore(new Date("2020-12-26T00:00:00Z"));
    const left = await s.db.query<{ subject_id: string }>(`SELECT subject_id FROM outbound_call`);
    expect(left.map((r) => r.subject_id)).toEqual(["2"]);
  });
});
