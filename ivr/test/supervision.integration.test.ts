// Supervisors: metrics that move with real calls, controls that reach a second server
// process, audits, and 403 for agents on every supervisor route and event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { placeCall } from "./support/phone.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openServices } from "../src/services.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  METRICS_TOKEN: "metrics-secret-123",
};

const metric = (text: string, name: string, labels = ""): number => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : NaN;
};

describe.each(DB_KINDS)("supervision on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let boss: ConsoleClient;
  let anna: ConsoleClient;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(5);
    server = await startTestServer(s, ACCOUNTS);
    boss = new ConsoleClient(server.url);
    anna = new ConsoleClient(server.url);
    await boss.login("leitung", "pw-leitung-123");
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  const scrape = async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer metrics-secret-123" } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("when calls book, queue and leave callbacks, then /metrics and the wallboard move with them", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const before = await scrape();
    expect(metric(before, "hotline_free_pairs", 'region="westfalen-lippe"')).toBe(5);
    await placeCall(server, ["silence", "2", "1936", "33330", "1", "03031936", "s:Erika Aufsicht", "1", "3"], {
      from: "+4915111111111",
    });
    await placeCall(server, ["silence", "0", { expect: /zurückrufen/, answer: "1" }, "1"], { from: "+4952411111111" });
    const after = await scrape();
    expect(metric(after, "hotline_bookings", 'window="today",channel="phone"')).toBe(1);
    expect(metric(after, "hotline_free_pairs", 'region="westfalen-lippe"')).toBe(4);
    expect(metric(after, "hotline_callbacks", 'status="due"')).toBe(1);
    expect(
      metric(
        after,
        "hotline_http_request_duration_seconds_count",
        'route="/voice/step/:step",method="POST",status="200"',
      ),
    ).toBeGreaterThan(5);
    expect(after).toMatch(/^hotline_process_resident_memory_bytes \d+/m);
    const board = (await boss.call("GET", "/api/supervisor/wallboard")).body;
    expect(board.bookings.today).toEqual({ phone: 1 });
    expect(board.callbacks).toMatchObject({ due: 1, pending: 1 });
    expect(board.freePairs.centres.find((c: { name: string }) => c.name === "Impfzentrum Gütersloh")).toMatchObject({
      freePairs: 4,
      level: "nearly-full",
    });
    expect(board.freePairs.centres.find((c: { name: string }) => c.name === "Impfzentrum Köln")).toMatchObject({
      freePairs: 0,
      level: "full",
    });
    expect(board.webhooks.requests).toBeGreaterThan(5);
    expect(board.webhooks.errorRate).toBe(0);
  });

  it("when a supervisor releases supply, then the preview matches what is created, callbacks waiting for supply are woken, and it is audited", async () => {
    await s.callbacks.register({
      phone: "+4961511111",
      phoneSource: "keyed",
      language: "de",
      reason: "awaiting-supply",
      birthYear: 1930,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    const request = { regionId: "hessen", weekStart: "2021-02-01", doses: 4900 };
    const preview = await boss.call("POST", "/api/supervisor/supply/preview", request);
    expect(preview.body).toMatchObject({ doses: 4900, pairs: 2450, unscheduled: 0 });
    expect(preview.body.perCentre).toHaveLength(26);
    const released = await boss.call("POST", "/api/supervisor/supply/release", request);
    expect(released).toMatchObject({ status: 201, body: { pairs: 2450, callbacksScheduled: 1 } });
    const [row] = await s.db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT sum(capacity)::int AS n FROM slot WHERE release_id = ${released.body.releaseId}::int AND dose = 1`;
    expect(row!.n).toBe(2450);
    const audit = (await boss.call("GET", "/api/supervisor/audit")).body.actions;
    expect(audit[0]).toMatchObject({ agentId: "leitung", action: "supply.release" });
    expect((await boss.call("POST", "/api/supervisor/supply/preview", { ...request, doses: -5 })).status).toBe(400);
  });

  it("when a supervisor sets an announcement, then callers hear it after their first choice, in their language, with missing translations reported", async () => {
    const set = await boss.call("PUT", "/api/supervisor/announcement", {
      texts: { de: "Ab morgen impft auch das Zentrum in Bielefeld.", en: "From tomorrow Bielefeld vaccinates too." },
    });
    expect(set.body.missing).toEqual(["tr", "ru", "pl", "ar"]);
    const german = await placeCall(server, [
      { expect: /^(?!.*Mitteilung).*Für neue Impftermine drücken Sie die 2/s, answer: "2" },
      {
        expect: /^Eine aktuelle Mitteilung: Ab morgen impft auch das Zentrum in Bielefeld\..*Geburtsjahr/s,
        answer: "hangup",
      },
    ]);
    expect(german.caller.remaining).toBe(0);
    const english = await placeCall(server, [
      { expect: /For English, press 4/, answer: "4" },
      { expect: /An announcement: From tomorrow Bielefeld vaccinates too\..*booking code/s, answer: "hangup" },
    ]);
    expect(english.caller.remaining).toBe(0);
    expect(english.spoken).not.toMatch(/Ab morgen/);
    await boss.call("PUT", "/api/supervisor/announcement", { texts: {} });
  });

  it("when an agent tries supervisor routes or events, then 403 and a forbidden ack", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/supervisor/overview"],
      ["GET", "/api/supervisor/wallboard"],
      ["GET", "/api/supervisor/day"],
      ["POST", "/api/supervisor/supply/preview", {}],
      ["POST", "/api/supervisor/supply/release", {}],
      ["GET", "/api/supervisor/settings"],
      ["PUT", "/api/supervisor/settings", {}],
      ["PUT", "/api/supervisor/announcement", {}],
      ["GET", "/api/supervisor/audit"],
    ] as const) {
      expect((await anna.call(method, path, body)).status, path).toBe(403);
    }
    const socket = connect(server.url, { extraHeaders: { cookie: anna.sessionCookie }, transports: ["websocket"] });
    try {
      const ack = await new Promise<any>((resolve) => socket.emit("supervisor:snapshot", resolve));
      expect(ack).toMatchObject({ error: { code: "forbidden" } });
      const bossSocket = connect(server.url, {
        extraHeaders: { cookie: boss.sessionCookie },
        transports: ["websocket"],
      });
      const pushed = await new Promise<any>((resolve) => bossSocket.once("supervisor:wallboard", resolve));
      expect(pushed.freePairs.regions).toHaveLength(3);
      bossSocket.close();
    } finally {
      socket.close();
    }
    const stranger = connect(server.url, { transports: ["websocket"] });
    const refused = await new Promise<Error>((resolve) => stranger.once("connect_error", resolve));
    expect(refused.message).toBe("unauthenticated");
    stranger.close();
  });

  it("when two supervisors edit the settings from the same version, then the second is told and overwrites nothing unseen", async () => {
    const shown = (await boss.call("GET", "/api/supervisor/settings")).body as {
      version: number;
      settings: { queue: { capacity: number } };
    };
    const first = await boss.call("PUT", "/api/supervisor/settings", {
      queue: { capacity: 700 },
      basedOnVersion: shown.version,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(shown.version + 1);
    const second = await boss.call("PUT", "/api/supervisor/settings", {
      queue: { capacity: 900 },
      basedOnVersion: shown.version,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "settings_changed",
      message: expect.stringMatching(/inzwischen geändert/),
    });
    const now = (await boss.call("GET", "/api/supervisor/settings")).body as {
      version: number;
      settings: { queue: { capacity: number } };
    };
    expect(now).toMatchObject({ version: shown.version + 1, settings: { queue: { capacity: 700 } } });
    // Filled from the new version, the change goes through; the audit keeps the change, not the version.
    expect(
      (await boss.call("PUT", "/api/supervisor/settings", { queue: { capacity: 900 }, basedOnVersion: now.version }))
        .status,
    ).toBe(200);
    const audit = (await boss.call("GET", "/api/supervisor/audit")).body.actions;
    expect(audit[0]).toMatchObject({ action: "settings.update", details: { queue: { capacity: 900 } } });
    expect(audit[0].details).not.toHaveProperty("basedOnVersion");
  });

  it.skipIf(kind !== "postgres")(
    "when a supervisor changes a setting, then a second server process uses it without a restart",
    async () => {
      const second = await openServices(
        loadConfig({ DATABASE_URL: s.databaseUrl!, LOG_LEVEL: "silent", SEED_WEEKS: "0", ...ACCOUNTS }),
        createLogger("silent"),
        s.clock,
      );
      try {
        expect(second.settings.current().queue.offerCallbackAboveMinutes).toBe(20);
        const changed = await boss.call("PUT", "/api/supervisor/settings", {
          queue: { offerCallbackAboveMinutes: 5 },
          hotline: { opensAt: "07:00" },
        });
        expect(changed.status).toBe(200);
        const deadline = Date.now() + 3_000;
        while (second.settings.current().queue.offerCallbackAboveMinutes !== 5 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        expect(second.settings.current().queue.offerCallbackAboveMinutes).toBe(5);
        expect(second.settings.current().hotline.opensAt).toBe("07:00");
        const audit = (await boss.call("GET", "/api/supervisor/audit")).body.actions;
        expect(audit[0]).toMatchObject({
          agentId: "leitung",
          action: "settings.update",
          details: { queue: { offerCallbackAboveMinutes: 5 } },
        });
        expect(
          (await boss.call("PUT", "/api/supervisor/settings", { hotline: { opensAt: "23:00", closesAt: "08:00" } }))
            .body.error.code,
        ).toBe("settings_invalid");
        // Only the opening time, later than the stored closing time (22:00): refused too.
        expect(
          (await boss.call("PUT", "/api/supervisor/settings", { hotline: { opensAt: "23:30" } })).body.error.code,
        ).toBe("settings_invalid");
      } finally {
        await second.close();
      }
    },
  );
});
