// The agent console's API against a real server and database: sign-in, roles, the screen
// pop, booking through the same ledger, and the callback worklist.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { askForAPerson, placeCall } from "./support/phone.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  // The test runs routing rounds itself, on its fake clock.
  ROUTING_ROUND_MS: "0",
};

describe.each(DB_KINDS)("the console API on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;
  let ben: ConsoleClient;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    ben = new ConsoleClient(server.url);
    expect((await anna.login("anna", "pw-anna-123")).status).toBe(200);
    expect((await ben.login("ben", "pw-ben-123")).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  it("when signing in, then an httpOnly SameSite session cookie; a wrong password gets a German 401", async () => {
    const c = new ConsoleClient(server.url);
    const ok = await c.login("anna", "pw-anna-123");
    expect(ok.body.user).toMatchObject({
      id: "anna",
      displayName: "Anna Becker",
      role: "agent",
      state: "offline",
      languages: ["de"],
    });
    expect(ok.setCookie).toMatch(/^hotline_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const bad = await new ConsoleClient(server.url).login("anna", "falsch");
    expect(bad).toMatchObject({
      status: 401,
      body: { error: { code: "invalid_credentials", message: "Benutzername oder Passwort ist falsch." } },
    });
    expect((await c.call("POST", "/api/auth/logout")).status).toBe(204);
    expect((await c.call("GET", "/api/auth/me")).status).toBe(401);
  });

  it("when not signed in, then every console route answers 401; an agent gets 403 on supervisor routes", async () => {
    const stranger = new ConsoleClient(server.url);
    for (const [method, path] of [
      ["GET", "/api/queue"],
      ["POST", "/api/offers/1/accept"],
      ["POST", "/api/wrap-up"],
      ["GET", "/api/search?postcode=33330"],
      ["POST", "/api/bookings"],
      ["POST", "/api/callbacks/next"],
      ["GET", "/api/voice/token"],
      ["GET", "/api/supervisor/overview"],
    ] as const) {
      expect((await stranger.call(method, path, method === "POST" ? {} : undefined)).status, path).toBe(401);
    }
    const denied = await anna.call("GET", "/api/supervisor/overview");
    expect(denied).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const boss = new ConsoleClient(server.url);
    await boss.login("leitung", "pw-leitung-123");
    const overview = await boss.call("GET", "/api/supervisor/overview");
    expect(overview.status).toBe(200);
    expect(overview.body.agents.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(["anna", "ben", "leitung"]),
    );
  });

  it("when a caller asks for a person and the call is offered to the agent who accepts, then the context pops and survives a reload", async () => {
    await anna.call("POST", "/api/agent/state", { state: "available" });
    const call = await placeCall(server, askForAPerson());
    expect(call.emulator.state).toBe("queued");
    expect((await anna.call("GET", "/api/queue")).body).toMatchObject({
      waiting: 1,
      next: { callSid: call.emulator.identity.callSid, reason: "pressed-0" },
    });
    clock.advance(2);
    await server.hotline.router.round();
    const { offer } = (await anna.call("GET", "/api/agent/current")).body;
    expect(offer).toMatchObject({ callSid: call.emulator.identity.callSid, language: "de", reason: "pressed-0" });
    const answered = await anna.call("POST", `/api/offers/${offer.id}/accept`, {});
    expect(answered.status).toBe(200);
    expect(answered.body.call).toMatchObject({
      callSid: call.emulator.identity.callSid,
      language: "de",
      phone: "+4952411234567",
      postcode: "33330",
      district: { name: "Kreis Gütersloh" },
      centre: { name: "Impfzentrum Gütersloh" },
      birthYear: 1937,
      reason: "pressed-0",
      waitedSeconds: 120,
    });
    expect(answered.body.call.heldPair.holdId).toMatch(/[0-9a-f-]{36}/);
    expect(answered.body.call.path).toEqual(expect.arrayContaining(["birth-year", "postcode", "offer", "operator"]));
    expect((server.hotline.telephony as EmulatedTelephony).redirects.at(-1)).toMatchObject({
      callSid: call.emulator.identity.callSid,
      url: expect.stringContaining("/voice/agent/connect?agent=anna"),
    });
    const restored = await anna.call("GET", "/api/agent/current");
    expect(restored.body.call).toEqual(answered.body.call);
    expect((await anna.call("GET", "/api/auth/me")).body.user.state).toBe("on-call");
    expect((await ben.call("POST", `/api/offers/${offer.id}/accept`, {})).body.error.code).toBe("offer_gone");
    expect((await anna.call("POST", `/api/calls/${call.emulator.identity.callSid}/end`)).status).toBe(204);
    const after = (await anna.call("GET", "/api/agent/current")).body;
    expect(after.call).toBeNull();
    expect(after.conversation).toMatchObject({ kind: "call", endedAt: expect.any(String), outcome: null });
    const wrapped = await anna.call("POST", "/api/wrap-up", { outcome: "information", note: "Fragte nach Termin" });
    expect(wrapped.body.user.state).toBe("available");
  });

  it("when an agent books a pair, then the ledger holds it with the agent; a pair taken meanwhile gets slot_taken", async () => {
    const search = await anna.call("GET", "/api/search?postcode=33330");
    expect(search.status).toBe(200);
    const option = search.body.options[0];
    expect(option).toMatchObject({ centreName: "Impfzentrum Gütersloh", districtName: "Kreis Gütersloh" });
    expect(option.freePairs).toBe(option.pairs.length);
    const hold = await anna.call("POST", "/api/holds", { firstSlotId: option.pairs[0].firstSlotId });
    expect(hold.status).toBe(201);
    const person = { name: "Gisela Schmidt", birthDate: "1936-04-12", phone: "+4952419999", postcode: "33330" };
    const key = randomUUID();
    const booked = await anna.call("POST", "/api/bookings", { holdId: hold.body.holdId, person, idempotencyKey: key });
    expect(booked.status).toBe(201);
    expect(booked.body.booking.codeFormatted).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const again = await anna.call("POST", "/api/bookings", { holdId: hold.body.holdId, person, idempotencyKey: key });
    expect(again.body.booking.code).toBe(booked.body.booking.code);
    const row = await s.db.prisma.booking.findUniqueOrThrow({
      where: { code: booked.body.booking.code },
      include: { events: true },
    });
    expect(row).toMatchObject({ channel: "agent", agentId: "anna" });
    expect(row.events.map((e) => [e.action, e.channel, e.agentId])).toEqual([["booked", "agent", "anna"]]);
    // The phone menu takes the last pair Ben is looking at.
    const fresh = await ben.call("GET", "/api/search?postcode=33330");
    const lastPair = fresh.body.options[0].pairs[0];
    await s.ledger.book({
      firstSlotId: lastPair.firstSlotId,
      person: {
        name: "Telefon Person",
        nameRecordingUrl: null,
        birthDate: "1935-01-01",
        phone: null,
        postcode: "33330",
      },
      channel: "phone",
    });
    const taken = await ben.call("POST", "/api/bookings", {
      firstSlotId: lastPair.firstSlotId,
      person: { ...person, name: "Horst Schmidt", birthDate: "1934-02-02" },
      idempotencyKey: randomUUID(),
    });
    expect(taken).toMatchObject({
      status: 409,
      body: {
        error: { code: "slot_taken", message: "Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen." },
      },
    });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    // Cancel by code from the console frees the pair again.
    const cancelled = await anna.call("POST", `/api/bookings/${booked.body.booking.keypadCode}/cancel`);
    expect(cancelled.body.booking.status).toBe("cancelled");
    expect((await anna.call("GET", "/api/bookings/ABCD-EFGH-JKMN")).body.error.code).toBe("code_invalid");
  });

  it("when an agent books during a Turkish caller's call, then the person keeps Turkish for the reminder; without a call nothing is set", async () => {
    const callSid = `CAturkish${kind}`;
    await s.db.prisma.queuedCall.create({
      data: {
        callSid,
        queue: "agents",
        status: "bridged",
        language: "tr",
        reason: "pressed-0",
        context: {},
        enqueuedAt: clock.now(),
      },
    });
    await s.db.prisma.agent.update({ where: { id: "ben" }, data: { currentCallSid: callSid } });
    const languageOf = async (code: string) =>
      (await s.db.prisma.booking.findUniqueOrThrow({ where: { code }, include: { person: true } })).person.language;
    /** Ben books the first free pair of 33330 for this person. */
    const bookFirstPair = async (name: string, birthDate: string, phone: string) => {
      const pairs = (await ben.call("GET", "/api/search?postcode=33330")).body.options[0].pairs;
      return ben.call("POST", "/api/bookings", {
        firstSlotId: pairs[0].firstSlotId,
        person: { name, birthDate, phone, postcode: "33330" },
        idempotencyKey: randomUUID(),
      });
    };
    try {
      const onTheCall = await bookFirstPair("Ayşe Yılmaz", "1937-05-06", "+4952417777");
      expect(onTheCall.status).toBe(201);
      expect(await languageOf(onTheCall.body.booking.code)).toBe("tr");
    } finally {
      await s.db.prisma.agent.update({ where: { id: "ben" }, data: { currentCallSid: null } });
    }
    const noCall = await bookFirstPair("Otto Keinruf", "1936-06-07", "+4952418888");
    expect(noCall.status).toBe(201);
    expect(await languageOf(noCall.body.booking.code)).toBeNull();
  });

  it("when two agents take the next callback at once, then they get different ones; no-answer schedules a retry", async () => {
    for (const phone of ["+4952411000001", "+4952411000002"]) {
      await s.callbacks.register({
        phone,
        phoneSource: "keyed",
        language: "de",
        reason: "agent",
        birthYear: 1933,
        hasCode: false,
        context: {},
        holdId: null,
        originCallSid: null,
      });
    }
    const [a, b] = await Promise.all([
      anna.call("POST", "/api/callbacks/next"),
      ben.call("POST", "/api/callbacks/next"),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.callback.id).not.toBe(b.body.callback.id);
    expect((await anna.call("GET", "/api/agent/current")).body.callback.id).toBe(a.body.callback.id);
    const dial = await anna.call("POST", `/api/callbacks/${a.body.callback.id}/dial`, { token: a.body.callback.token });
    expect(dial.body.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    const wrongToken = await ben.call("POST", `/api/callbacks/${a.body.callback.id}/outcome`, {
      token: b.body.callback.token,
      outcome: "booked",
    });
    expect(wrongToken.body.error.code).toBe("claim_lost");
    const outcome = await anna.call("POST", `/api/callbacks/${a.body.callback.id}/outcome`, {
      token: a.body.callback.token,
      outcome: "no-answer",
      notes: "Anrufbeantworter",
    });
    expect(outcome.body.callback).toMatchObject({ status: "pending", attempts: 1, notes: "Anrufbeantworter" });
    // In wrap-up: no next conversation until it is done.
    expect((await anna.call("POST", "/api/callbacks/next")).body.error.code).toBe("conversation_busy");
    expect((await anna.call("POST", "/api/wrap-up", { outcome: "other" })).status).toBe(200);
    expect((await anna.call("POST", "/api/callbacks/next")).body.error.code).toBe("no_callback_due");
  });

  it("when the softphone asks for a token, then a short-lived Voice grant for the agent (emulator mode here)", async () => {
    const { body } = await anna.call("GET", "/api/voice/token");
    expect(body).toMatchObject({ identity: "anna", ttlSeconds: 600, mode: "emulator" });
    const payload = JSON.parse(Buffer.from(body.token.split(".")[1], "base64url").toString());
    expect(payload.grants).toMatchObject({ identity: "anna", voice: { incoming: { allow: true } } });
    expect(payload.exp - payload.iat).toBe(600);
  });
});
