// Issue 15, item 10: a page of another origin cannot make the agent's browser change anything
// (a text/plain POST with the cookie cancelled a booking); security headers on every answer;
// the Secure cookie flag on https; an agent touches only their own holds and calls; malformed
// ids are 400 with a typed code, never 500.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { askForAPerson, placeCall } from "./support/phone.ts";
import { givenCentre, ledgerViolations, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("browser security on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  let ben: ConsoleClient;
  let boss: ConsoleClient;
  const clock = new FakeClock();
  const holdCount = (holdId: string) => s.db.prisma.hold.count({ where: { id: holdId } });
  const freeFirstSlots = async () => {
    const centre = givenCentre(s, "Kreis Gütersloh").centre;
    return (await s.ledger.freePairs(centre.id, { limit: 20 })).map((p) => p.firstSlotId);
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(12);
    // The test client stands in for the TLS-terminating proxy on loopback: its X-Forwarded-Proto
    // is believed only because TRUST_PROXY names it (the default believes no proxy).
    server = await startTestServer(s, { ...ACCOUNTS, TRUST_PROXY: "loopback" });
    [anna, ben, boss] = [new ConsoleClient(server.url), new ConsoleClient(server.url), new ConsoleClient(server.url)];
    await anna.login("anna", "pw-anna-123");
    await ben.login("ben", "pw-ben-123");
    await boss.login("leitung", "pw-leitung-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  it("when another origin's page posts text/plain with the agent's cookie, then 403 and the booking stays", async () => {
    const [slot] = await freeFirstSlots();
    const booked = await s.ledger.book({ firstSlotId: slot!, person: person(1), channel: "phone" });
    const forged = (headers: Record<string, string>, body = "x") =>
      fetch(`${server.url}/api/bookings/${booked.code}/cancel`, {
        method: "POST",
        headers: { cookie: anna.sessionCookie, ...headers },
        body,
      });
    const crossOrigin = await forged({ origin: "https://evil.example", "content-type": "text/plain" });
    expect(crossOrigin.status).toBe(403);
    expect(await crossOrigin.json()).toEqual({
      error: {
        code: "origin_forbidden",
        message: "Diese Anfrage kam nicht von der Oberfläche der Hotline und wurde abgelehnt.",
      },
    });
    // A browser that sends no Origin still says where the request came from.
    expect((await forged({ "sec-fetch-site": "cross-site", "content-type": "text/plain" })).status).toBe(403);
    expect((await forged({ referer: "https://evil.example/page", "content-type": "text/plain" })).status).toBe(403);
    expect((await forged({ origin: "null", "content-type": "application/json" }, "{}")).status).toBe(403);
    // The same origin, but not JSON: forms and text/plain need no preflight, so the API takes none.
    const sameOriginText = await forged({ origin: server.url, "content-type": "text/plain" });
    expect(sameOriginText.status).toBe(415);
    expect(((await sameOriginText.json()) as any).error.code).toBe("unsupported_media_type");
    expect((await s.ledger.lookup(booked.code)).status).toBe("active");

    const own = await forged(
      { origin: server.url, "content-type": "application/json", "sec-fetch-site": "same-origin" },
      "{}",
    );
    expect(own.status).toBe(200);
    expect((await s.ledger.lookup(booked.code)).status).toBe("cancelled");
  });

  it("when the console or the API answers, then CSP with frame-ancestors 'none', nosniff and no HSTS on http", async () => {
    for (const path of ["/", "/api/auth/me", "/api/nothing-here"]) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
    expect((await fetch(`${server.url}/api/auth/me`)).headers.get("cache-control")).toBe("no-store");
  });

  it("when the request came over https, then the session cookie is Secure; over plain http it cannot be", async () => {
    const login = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ username: "ben", password: "pw-ben-123" }),
      });
    const https = (await login({ "x-forwarded-proto": "https" })).headers.getSetCookie();
    expect(https.find((c) => c.startsWith("hotline_session="))).toMatch(/; Secure$/);
    const http = (await login()).headers.getSetCookie();
    expect(http.find((c) => c.startsWith("hotline_session="))).not.toMatch(/Secure/);
  });

  it("when an agent releases or replaces another agent's hold, then 403 hold_not_yours and the hold stays", async () => {
    const [a, b, c] = await freeFirstSlots();
    const bens = await ben.call("POST", "/api/holds", { firstSlotId: a });
    expect(bens.status).toBe(201);
    const release = await anna.call("DELETE", `/api/holds/${bens.body.holdId}`);
    expect(release).toMatchObject({
      status: 403,
      body: { error: { code: "hold_not_yours", message: expect.stringMatching(/^Diese Reservierung gehört/) } },
    });
    const replace = await anna.call("POST", "/api/holds", { firstSlotId: b, replaceHoldId: bens.body.holdId });
    expect(replace).toMatchObject({ status: 403, body: { error: { code: "hold_not_yours" } } });
    const book = await anna.call("POST", "/api/bookings", {
      holdId: bens.body.holdId,
      person: { name: "Gisela Schmidt", birthDate: "1936-04-12", postcode: "33330" },
      idempotencyKey: randomUUID(),
    });
    expect(book).toMatchObject({ status: 403, body: { error: { code: "hold_not_yours" } } });
    expect(await holdCount(bens.body.holdId)).toBe(1);

    // Their own: released and replaced as before; a hold already gone is no error.
    const annas = await anna.call("POST", "/api/holds", { firstSlotId: b });
    const replaced = await anna.call("POST", "/api/holds", { firstSlotId: c, replaceHoldId: annas.body.holdId });
    expect(replaced.status).toBe(201);
    expect(await holdCount(annas.body.holdId)).toBe(0);
    expect((await anna.call("DELETE", `/api/holds/${replaced.body.holdId}`)).status).toBe(204);
    expect((await anna.call("DELETE", `/api/holds/${replaced.body.holdId}`)).status).toBe(204);
    // A supervisor may release any hold.
    expect((await boss.call("DELETE", `/api/holds/${bens.body.holdId}`)).status).toBe(204);
    expect(await holdCount(bens.body.holdId)).toBe(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when an agent answers a caller, then the caller's held pair is theirs to release, and not another agent's; only they or a supervisor end the call", async () => {
    await anna.call("POST", "/api/agent/state", { state: "available" });
    const call = await placeCall(server, askForAPerson());
    await server.hotline.router.round();
    const { offer } = (await anna.call("GET", "/api/agent/current")).body;
    const answered = await anna.call("POST", `/api/offers/${offer.id}/accept`, {});
    const callSid = call.emulator.identity.callSid;
    const holdId = answered.body.call.heldPair.holdId as string;
    expect((await ben.call("DELETE", `/api/holds/${holdId}`)).status).toBe(403);
    const ended = await ben.call("POST", `/api/calls/${callSid}/end`, {});
    expect(ended).toMatchObject({ status: 403, body: { error: { code: "call_not_yours" } } });
    expect((await s.db.prisma.queuedCall.findUniqueOrThrow({ where: { callSid } })).endedAt).toBeNull();
    expect((await anna.call("DELETE", `/api/holds/${holdId}`)).status).toBe(204);
    expect(await holdCount(holdId)).toBe(0);

    // A supervisor may end it: the agent who had it goes into wrap-up.
    expect((await boss.call("POST", `/api/calls/${callSid}/end`, {})).status).toBe(204);
    expect((await s.db.prisma.queuedCall.findUniqueOrThrow({ where: { callSid } })).endedAt).not.toBeNull();
    expect((await anna.call("GET", "/api/auth/me")).body.user.state).toBe("wrap-up");
    expect((await boss.call("GET", "/api/auth/me")).body.user.state).toBe("offline");
  });

  it("when hold ids are not UUIDs or numeric ids are out of range, then 400 with a typed code, never 500", async () => {
    const cases: [string, string, unknown, string][] = [
      ["DELETE", "/api/holds/not-a-uuid", undefined, "hold_invalid"],
      ["DELETE", "/api/holds/1' OR '1'='1", undefined, "hold_invalid"],
      ["POST", "/api/holds", { firstSlotId: 2 ** 40 }, "bad_request"],
      ["POST", "/api/holds", { firstSlotId: 1, replaceHoldId: "nope" }, "hold_invalid"],
      ["POST", "/api/bookings", { holdId: "nope", person: person(2), idempotencyKey: randomUUID() }, "hold_invalid"],
      [
        "POST",
        "/api/bookings",
        { firstSlotId: 2 ** 31, person: person(2), idempotencyKey: randomUUID() },
        "bad_request",
      ],
      [
        "POST",
        "/api/bookings",
        { firstSlotId: 1, person: { name: "X" }, idempotencyKey: randomUUID() },
        "person_invalid",
      ],
      [
        "POST",
        "/api/bookings/7KQMP2XD9HTA/rebook",
        { firstSlotId: 2 ** 40, idempotencyKey: randomUUID() },
        "bad_request",
      ],
      ["POST", "/api/bookings/7KQMP2XD9HTA/rebook", { holdId: "x", idempotencyKey: randomUUID() }, "hold_invalid"],
      ["POST", "/api/callbacks/99999999999/dial", { token: randomUUID() }, "bad_request"],
      ["POST", "/api/callbacks/abc/outcome", { token: randomUUID(), outcome: "booked" }, "bad_request"],
      ["GET", "/api/search?centreId=99999999999", undefined, "bad_request"],
      ["GET", "/api/search?districtId=-1", undefined, "bad_request"],
    ];
    for (const [method, path, body, code] of cases) {
      const answer = await anna.call(method, path.replace(/'/g, "%27").replace(/ /g, "%20"), body);
      expect([answer.status, answer.body.error.code], `${method} ${path}`).toEqual([400, code]);
    }
  });
});

describe("browser security behind https in production (PGlite; the database does not matter here)", () => {
  let s: TestServices;
  let server: TestServer;
  const env = {
    ...ACCOUNTS,
    NODE_ENV: "production",
    PUBLIC_BASE_URL: "https://hotline.example.de",
    METRICS_TOKEN: "metrics-token-0123456789",
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:ein-sicheres-passwort",
  };

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock(), env);
    server = await startTestServer(s, env);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when PUBLIC_BASE_URL is https, then HSTS; in production the cookie is Secure even on the proxy's plain http", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      // Behind the TLS proxy: the browser's page is the public origin, the Host is the proxy's upstream.
      headers: { "content-type": "application/json", origin: "https://hotline.example.de" },
      body: JSON.stringify({ username: "leitung", password: "ein-sicheres-passwort" }),
    });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("hotline_session="))).toMatch(/; Secure$/);
    expect(cookies.find((c) => c.startsWith("hotline_signed_in="))).toMatch(/; Secure$/);
    const other = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://hotline.example.de.evil.example" },
      body: JSON.stringify({ username: "leitung", password: "ein-sicheres-passwort" }),
    });
    expect(other.status).toBe(403);
  });
});
