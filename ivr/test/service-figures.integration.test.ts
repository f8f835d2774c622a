// The service figures on a constructed day, on both databases: queue entries and agents' state
// changes at known times, then every figure checked against the number worked out by hand
// (the arithmetic is in the comments). The clock stands at 10:05 on Monday 25 January 2021.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaAgentStore } from "../src/adapters/prisma/prisma-agent-store.ts";
import { PrismaSupervisionStore } from "../src/adapters/prisma/prisma-supervision-store.ts";
import { ServiceReport } from "../src/domain/supervision/service-report.ts";
import { DEFAULT_SERVICE_SETTINGS } from "../src/contracts/supervisor-api.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-1234,cem:Cem Aydin:pw-cem-12345",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  METRICS_TOKEN: "metrics-secret-123",
};
const NOW = "2021-01-25T10:05:00+01:00";
const DAY_START = new Date("2021-01-25T00:00:00+01:00");
const local = (hhmmss: string, day = "2021-01-25") => new Date(`${day}T${hhmmss}+01:00`);

interface Entry {
  joined: string;
  /** bridged: answered; left: with `result`; waiting: still in the queue. */
  status: "bridged" | "left" | "waiting";
  wait?: number;
  result?: string;
  estimate?: [number, number];
  reason?: string;
  day?: string;
}

// Callers who joined today, and what became of them. Target 60 s, short abandons up to 5 s.
const ENTRIES: Entry[] = [
  // 09:30–09:45
  { joined: "09:31:00", status: "bridged", wait: 20, estimate: [0, 5] }, // answered in target, within estimate
  { joined: "09:32:00", status: "bridged", wait: 50, estimate: [0, 5] }, // answered in target, within estimate
  { joined: "09:33:00", status: "bridged", wait: 90, estimate: [0, 1] }, // answered late; 1.5 min vs 0–1: 0.5 min off
  { joined: "09:34:00", status: "left", result: "hangup", wait: 30 }, // abandoned
  { joined: "09:35:00", status: "left", result: "hangup", wait: 3 }, // short abandon
  { joined: "09:36:00", status: "left", result: "hangup", wait: 5 }, // short abandon (5 s is not more than 5 s)
  { joined: "09:37:00", status: "left", result: "callback", wait: 120 }, // pressed 1: to callback
  { joined: "09:38:00", status: "left", result: "queue-full", wait: 0 }, // other exit
  { joined: "09:39:00", status: "bridged", wait: 10, reason: "callback" }, // an outbound callback: not counted
  // 09:45–10:00
  { joined: "09:46:00", status: "bridged", wait: 240, estimate: [0, 5] }, // answered late, within estimate
  { joined: "09:47:00", status: "left", result: "hangup", wait: 6 }, // abandoned
  { joined: "09:58:00", status: "waiting" }, // still waiting at 10:05: the longest wait, 420 s
  // 10:00–10:15, the running quarter-hour
  { joined: "10:01:00", status: "bridged", wait: 30 }, // answered in target, no estimate told
  // yesterday: not today's
  { joined: "15:00:00", status: "bridged", wait: 10, day: "2021-01-24" },
];

// Agents' days. anna: one conversation (09:30–09:40: talk 420 s, hold 60 s, wrap-up 120 s = 600 s),
// a break 09:50–10:02. ben: two conversations back to back (09:46–09:52 = 360 s, 09:52–10:01 =
// 540 s), then a third call since 10:03. cem: a call since 09:59, in wrap-up since 10:01 (240 s:
// longer than the 120 s limit).
// Hold is the call's state, not the agent's: "history" rows go in through recordHold, the path
// call control's "Halten" takes.
const STATES: [string, string, string, "history"?][] = [
  ["anna", "available", "08:00:00"],
  ["ben", "available", "09:00:00"],
  ["anna", "on-call", "09:30:00"],
  ["anna", "on-hold", "09:34:00", "history"],
  ["anna", "on-call", "09:35:00", "history"],
  ["anna", "wrap-up", "09:38:00"],
  ["anna", "available", "09:40:00"],
  ["ben", "on-call", "09:46:00"],
  ["anna", "break", "09:50:00"],
  ["ben", "wrap-up", "09:50:00"],
  ["ben", "on-call", "09:52:00"],
  ["ben", "wrap-up", "09:55:00"],
  ["cem", "on-call", "09:59:00"],
  ["ben", "available", "10:01:00"],
  ["cem", "wrap-up", "10:01:00"],
  ["anna", "available", "10:02:00"],
  ["ben", "on-call", "10:03:00"],
];

describe.each(DB_KINDS)("service figures on a constructed day on %s", (kind) => {
  let s: TestServices;
  let report: ServiceReport;
  let agents: PrismaAgentStore;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock(NOW), ENV);
    agents = new PrismaAgentStore(s.db.prisma);
    report = new ServiceReport(new PrismaSupervisionStore(s.db.prisma), agents, s.settings);
    for (const [i, e] of ENTRIES.entries()) {
      const joined = local(e.joined, e.day);
      const left = e.status === "waiting" ? null : new Date(joined.getTime() + (e.wait ?? 0) * 1000);
      await s.db.prisma.$executeRaw`
        INSERT INTO queued_call (call_sid, queue, status, language, reason, context, enqueued_at, estimate_min_minutes,
                                 estimate_max_minutes, left_at, wait_seconds, result, agent_id, bridged_at)
        VALUES (${`CA${i}`}, 'agents', ${e.status}, 'de', ${e.reason ?? "pressed-0"}, '{}'::jsonb, ${joined}::timestamptz,
                ${e.estimate?.[0] ?? null}::int, ${e.estimate?.[1] ?? null}::int, ${left}::timestamptz,
                ${e.status === "waiting" ? null : (e.wait ?? 0)}::int,
                ${e.status === "bridged" ? "bridged" : (e.result ?? null)}, ${e.status === "bridged" ? "anna" : null},
                ${e.status === "bridged" ? left : null}::timestamptz)`;
    }
    // Through the store's own write path: the history is what setState records.
    for (const [agent, state, at, history] of STATES) {
      if (history) await agents.recordHold(agent, state === "on-hold", local(at));
      else expect(await agents.setState(agent, state as never, local(at))).not.toBeNull();
    }
  });
  afterAll(() => s?.dispose());

  const figures = () =>
    report.now(s.clock.now(), DAY_START, { longestWaitSeconds: 420, callbacksOverdue: 0 }).then((r) => r.service);

  it("when the day is counted, then offered, answered, abandoned, short abandons, callbacks and other exits add up", async () => {
    const { today } = await figures();
    expect(today).toMatchObject({
      offered: 12, // 13 entries today, less the outbound callback
      answered: 5, // not 9: the callbacks, hang-ups and the queue-full exit are not answers
      answeredInTarget: 3, // 20 s, 50 s, 30 s
      abandoned: 2, // 30 s, 6 s
      shortAbandoned: 2, // 3 s, 5 s
      toCallback: 1,
      otherExits: 1,
      waiting: 1,
    });
  });

  it("when the day is counted, then service level 3 / (5 + 2), abandon rate 2 / (12 − 2), ASA 430 s / 5", async () => {
    const { today } = await figures();
    expect(today.serviceLevel).toBeCloseTo(3 / 7, 10);
    expect(today.abandonRate).toBeCloseTo(0.2, 10);
    expect(today.avgSpeedOfAnswerSeconds).toBe(86); // (20 + 50 + 90 + 240 + 30) / 5
  });

  it("when the day is counted, then handle time 1,500 s over 3 conversations and occupancy 1,980 / 11,040", async () => {
    const { today } = await figures();
    expect(today.handled).toBe(3);
    expect(today.avgHandleSeconds).toBe(500); // (600 + 360 + 540) / 3
    // talk 420 + 240 + 180 + 120 (ben since 10:03) + 120 (cem) = 1,080; hold 60; wrap-up
    // 120 + 120 + 360 + 240 (cem) = 840; available: anna 5,400 + 600 + 180, ben 2,760 + 120 = 9,060.
    expect(today.occupancy).toBeCloseTo(1980 / (1980 + 9060), 10);
  });

  it("when the day is counted, then the estimate was met by 3 of 4 answered callers told one, 0.125 min off on average", async () => {
    const { today } = await figures();
    expect(today.estimate).toEqual({ measured: 4, withinRange: 3, avgErrorMinutes: 0.125 });
  });

  it("when the running quarter-hour (10:00–10:05) is counted, then only its callers and its time count", async () => {
    const { interval } = await figures();
    expect(interval.from).toBe(local("10:00:00").toISOString());
    expect(interval).toMatchObject({
      offered: 1,
      answered: 1,
      serviceLevel: 1,
      abandonRate: 0,
      avgSpeedOfAnswerSeconds: 30,
      handled: 1, // ben's second, ended 10:01
      avgHandleSeconds: 540,
    });
    // talk: ben 120 + cem 60; wrap-up: ben 60 + cem 240; available: anna 180 + ben 120.
    expect(interval.occupancy).toBeCloseTo(480 / 780, 10);
  });

  it("when the longest wait is 420 s, then its tile is red; the service level of the quarter-hour is green", async () => {
    expect((await figures()).levels).toEqual({ serviceLevel: "ok", longestWait: "critical", callbacksOverdue: "ok" });
  });

  it("when the agents are listed, then each has state, since and conversations today, and cem's long wrap-up is flagged", async () => {
    const { agentList } = await report.now(s.clock.now(), DAY_START, { longestWaitSeconds: 0, callbacksOverdue: 0 });
    expect(agentList.map((a) => [a.id, a.state, a.since, a.handledToday, a.longWrapUp])).toEqual([
      ["anna", "available", local("10:02:00").toISOString(), 1, false],
      ["ben", "on-call", local("10:03:00").toISOString(), 2, false],
      ["cem", "wrap-up", local("10:01:00").toISOString(), 0, true],
    ]);
  });

  it("when the day's quarter-hours are charted, then each holds its own callers", async () => {
    const quarters = await report.quarterHours(DAY_START, new Date(s.clock.now().getTime() + 1), s.clock.now());
    const at = (hhmm: string) => quarters.find((q) => q.from === local(`${hhmm}:00`).toISOString())!;
    expect(quarters).toHaveLength(41); // 00:00 to 10:05
    expect(at("09:30")).toMatchObject({ offered: 8, answered: 3, answeredInTarget: 2, abandoned: 1, handled: 1 });
    expect(at("09:45")).toMatchObject({ offered: 3, answered: 1, abandoned: 1, waiting: 1, serviceLevel: 0 });
    expect(at("09:45")).toMatchObject({ handled: 1, avgHandleSeconds: 360 }); // ben's first, ended 09:52
  });

  it("when the supervisor moves the target to 100 s, then the 90 s answer counts within it at once", async () => {
    await s.settings.update({ service: { targetSeconds: 100 } }, "leitung");
    try {
      const { today, target } = await figures();
      expect(target).toEqual({ percent: 80, seconds: 100 });
      expect(today.answeredInTarget).toBe(4);
      expect(today.serviceLevel).toBeCloseTo(4 / 7, 10);
    } finally {
      await s.settings.update({ service: { targetSeconds: 60 } }, "leitung");
    }
  });

  it("when the supervisor sets short abandons to 2 s, then the 3 s and 5 s hang-ups count as abandoned at once", async () => {
    await s.settings.update({ service: { shortAbandonSeconds: 2 } }, "leitung");
    try {
      const { today, shortAbandonSeconds } = await figures();
      expect(shortAbandonSeconds).toBe(2);
      expect(today).toMatchObject({ abandoned: 4, shortAbandoned: 0 }); // 30 s, 6 s, 3 s, 5 s
      expect(today.abandonRate).toBeCloseTo(4 / 12, 10); // nothing to take off the 12 offered
      expect(today.serviceLevel).toBeCloseTo(3 / (5 + 4), 10);
    } finally {
      await s.settings.update({ service: { shortAbandonSeconds: 5 } }, "leitung");
    }
  });

  describe("and in /metrics", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(s, ENV);
    });
    afterAll(() => server?.close());

    it("when a supervisor sets red before amber, then the settings are refused and name the field", async () => {
      const boss = new ConsoleClient(server.url);
      await boss.login("leitung", "pw-leitung-123");
      const refused = await boss.call("PUT", "/api/supervisor/settings", { service: { serviceLevelRedPercent: 90 } });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: "settings_invalid",
        issues: ["service.serviceLevelRedPercent"],
      });
      const settings = await boss.call("GET", "/api/supervisor/settings");
      expect(settings.body.settings.service).toEqual(DEFAULT_SERVICE_SETTINGS);
    });

    it("when a supervisor sets the short-abandon time to the target or past 60 s, then it is refused and names the field", async () => {
      const boss = new ConsoleClient(server.url);
      await boss.login("leitung", "pw-leitung-123");
      const atTarget = await boss.call("PUT", "/api/supervisor/settings", {
        service: { targetSeconds: 20, shortAbandonSeconds: 20 },
      });
      expect(atTarget.status).toBe(400);
      expect(atTarget.body.error).toMatchObject({ code: "settings_invalid", issues: ["service.shortAbandonSeconds"] });
      const tooLong = await boss.call("PUT", "/api/supervisor/settings", { service: { shortAbandonSeconds: 61 } });
      expect(tooLong.body.error).toMatchObject({ code: "settings_invalid", issues: ["service.shortAbandonSeconds"] });
      const saved = await boss.call("PUT", "/api/supervisor/settings", { service: { shortAbandonSeconds: 8 } });
      expect(saved.status).toBe(200);
      expect(saved.body.settings.service.shortAbandonSeconds).toBe(8);
      expect((await boss.call("PUT", "/api/supervisor/settings", { service: { shortAbandonSeconds: 5 } })).status).toBe(
        200,
      );
    });

    it("when Prometheus scrapes, then the day's and the quarter-hour's figures are there, with few labels", async () => {
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer metrics-secret-123" } });
      const text = await res.text();
      const metric = (name: string, labels: string) =>
        Number(
          text
            .split("\n")
            .find((l) => l.startsWith(`${name}{${labels}} `))
            ?.split(" ")
            .at(-1),
        );
      expect(metric("hotline_service_calls", 'window="today",outcome="answered"')).toBe(5);
      expect(metric("hotline_service_calls", 'window="today",outcome="short_abandoned"')).toBe(2);
      expect(metric("hotline_service_calls", 'window="15m",outcome="offered"')).toBe(1);
      expect(metric("hotline_service_level_ratio", 'window="today"')).toBeCloseTo(3 / 7, 6);
      expect(metric("hotline_service_avg_handle_seconds", 'window="today"')).toBe(500);
      expect(metric("hotline_wallboard_tile_level", 'tile="longestWait"')).toBe(2);
      expect(text).toMatch(/^hotline_agents_long_wrap_up 1$/m);
    });
  });
});
