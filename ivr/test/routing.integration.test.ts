// Routing and wrap-up against a real server and database, rounds driven by the test on a fake
// clock: the longest-idle agent of the caller's language is offered the call (anyone after the
// wait), an offer not taken in time makes the agent "Nicht bereit (verpasst)" and goes to the
// next, exactly one agent takes a caller however many processes route at once, an agent has one
// conversation, and outcomes are checked against what happened.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123,cem:Cem Yilmaz:pw-cem-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  ROUTING_ROUND_MS: "0",
  OFFER_RING_SECONDS: "15",
  OFFER_ANY_LANGUAGE_AFTER_SECONDS: "60",
  WRAP_UP_SECONDS: "60",
};

describe.each(DB_KINDS)("routing and wrap-up on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const agents: Record<string, ConsoleClient> = {};
  const clock = new FakeClock();
  const seconds = (n: number) => clock.advance(n / 60);
  const round = () => server.hotline.router.round();
  const current = async (who: string) => (await agents[who]!.call("GET", "/api/agent/current")).body;
  const state = async (who: string) => (await agents[who]!.call("GET", "/api/auth/me")).body.user;
  const enqueue = (language = "de") => {
    const callSid = `CA${randomUUID().replace(/-/g, "")}`;
    return s.queue
      .enqueue({ callSid, language, phone: "+4952411234567", reason: "pressed-0", context: { reason: "pressed-0" } })
      .then(() => callSid);
  };
  const available = async (...who: string[]) => {
    for (const w of who) {
      expect((await agents[w]!.call("POST", "/api/agent/state", { state: "available" })).status).toBe(200);
      seconds(1);
    }
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ENV);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4);
    server = await startTestServer(s, ENV);
    for (const who of ["anna", "ben", "cem", "leitung"]) {
      agents[who] = new ConsoleClient(server.url);
      expect((await agents[who].login(who, `pw-${who}-123`)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    // Every test starts with nobody waiting, nothing ringing and everyone signed off.
    await s.db.query("UPDATE queued_call SET status = 'left', ended_at = now() WHERE status <> 'left'");
    await s.db.query("UPDATE agent_offer SET status = 'withdrawn' WHERE status = 'open'");
    await s.db.query("UPDATE conversation SET closed_at = now() WHERE closed_at IS NULL");
    await s.db.query("UPDATE agent SET state = 'offline', current_call_sid = NULL, current_callback_id = NULL");
    await s.db.query("UPDATE agent SET languages = ARRAY['de']");
  });

  it("when two agents are free, then the caller is offered to the one idle longest, and only to them", async () => {
    await available("ben", "anna");
    const callSid = await enqueue();
    expect(await round()).toMatchObject({ offered: 1 });
    expect((await current("ben")).offer).toMatchObject({ callSid, language: "de", reason: "pressed-0" });
    expect((await current("anna")).offer).toBeNull();
    expect(await round()).toMatchObject({ offered: 0 });
  });

  it("when a Turkish caller waits, then the agent speaking Turkish is offered the call; after the wait, anyone", async () => {
    const boss = agents.leitung!;
    expect(
      (await boss.call("POST", "/api/supervisor/agents/ben/languages", { languages: ["de", "tr"] })).body.user,
    ).toMatchObject({ languages: ["de", "tr"] });
    expect(
      (await agents.anna!.call("POST", "/api/supervisor/agents/anna/languages", { languages: ["tr"] })).status,
    ).toBe(403);
    await available("anna", "ben");
    const turkish = await enqueue("tr");
    await round();
    const tr = (await current("ben")).offer;
    expect(tr).toMatchObject({ callSid: turkish, language: "tr" });
    expect((await current("anna")).offer).toBeNull();
    expect((await agents.ben!.call("POST", `/api/offers/${tr.id}/accept`)).status).toBe(200);

    // Nobody else speaks Russian: the caller waits for a Russian speaker, then any free agent.
    const russian = await enqueue("ru");
    await round();
    expect((await current("anna")).offer).toBeNull();
    seconds(10);
    await round();
    expect((await current("anna")).offer).toBeNull();
    seconds(50);
    await round();
    expect((await current("anna")).offer).toMatchObject({ callSid: russian });
  });

  it("when an offer is not accepted in time, then the agent is 'Nicht bereit (verpasst)' and the next agent is offered the call", async () => {
    await available("anna", "ben");
    const callSid = await enqueue();
    await round();
    const missed = (await current("anna")).offer;
    expect(missed).toMatchObject({ callSid });
    seconds(14);
    await round();
    expect((await current("anna")).offer).toMatchObject({ id: missed.id });
    seconds(1);
    expect(await round()).toMatchObject({ missed: 1, offered: 1 });
    expect(await state("anna")).toMatchObject({ state: "break", notReadyReason: "missed" });
    expect((await current("ben")).offer).toMatchObject({ callSid });
    // Too late: the missed offer cannot be taken any more.
    expect((await agents.anna!.call("POST", `/api/offers/${missed.id}/accept`)).body.error.code).toBe("offer_gone");
    const offer = (await current("ben")).offer;
    expect((await agents.ben!.call("POST", `/api/offers/${offer.id}/accept`)).body.call).toMatchObject({ callSid });
    expect(await state("ben")).toMatchObject({ state: "on-call" });
  });

  it("when several processes route at once, then each caller rings at one agent and each agent for one caller; one accept wins", async () => {
    await available("anna", "ben", "cem");
    const calls = await Promise.all([enqueue(), enqueue(), enqueue(), enqueue()]);
    await Promise.all(Array.from({ length: 6 }, () => round()));
    const rows = await s.db.query<{ agent_id: string; call_sid: string }>(
      "SELECT agent_id, call_sid FROM agent_offer WHERE status = 'open'",
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.agent_id)).size).toBe(3);
    expect(new Set(rows.map((r) => r.call_sid)).size).toBe(3);
    // The three longest-waiting callers (enqueued at the same instant: any three) ring; one waits.
    expect(rows.every((r) => calls.includes(r.call_sid))).toBe(true);

    const offer = (await current("anna")).offer;
    const second = new ConsoleClient(server.url);
    await second.login("anna", "pw-anna-123");
    const answers = await Promise.all([
      agents.anna!.call("POST", `/api/offers/${offer.id}/accept`),
      second.call("POST", `/api/offers/${offer.id}/accept`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const bridged = await s.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM queued_call WHERE call_sid = $1 AND status = 'bridged'",
      [offer.callSid],
    );
    expect(bridged[0]!.n).toBe(1);
  });

  it("when an agent is in a conversation, then a second one is refused both ways with 409 conversation_busy", async () => {
    await s.callbacks.register({
      phone: "+4952411000009",
      phoneSource: "keyed",
      language: "de",
      reason: "agent",
      birthYear: 1933,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    await available("anna", "ben");
    // A callback claimed first: anna is not offered calls, and cannot accept one.
    const claimed = await agents.anna!.call("POST", "/api/callbacks/next");
    expect(claimed.status).toBe(200);
    expect(claimed.body.callback.attempts).toBe(0);
    const callSid = await enqueue();
    await round();
    expect((await current("anna")).offer).toBeNull();
    const offer = (await current("ben")).offer;
    expect(offer).toMatchObject({ callSid });
    expect((await agents.anna!.call("POST", `/api/offers/${offer.id}/accept`)).body.error.code).toBe(
      "conversation_busy",
    );

    // On a call: no callback claimed, no dial.
    await agents.ben!.call("POST", `/api/offers/${offer.id}/accept`);
    const busy = await agents.ben!.call("POST", "/api/callbacks/next");
    expect([busy.status, busy.body.error.code]).toEqual([409, "conversation_busy"]);
    const dialOther = await agents.ben!.call("POST", `/api/callbacks/${claimed.body.callback.id}/dial`, {
      token: claimed.body.callback.token,
    });
    expect(dialOther.status).toBe(409);
    // Nor a state of one's choosing mid-call (only signing off).
    expect((await agents.ben!.call("POST", "/api/agent/state", { state: "available" })).body.error.code).toBe(
      "conversation_busy",
    );

    // The callback: "no answer" only after a dial, one dial per attempt.
    const { id, token } = claimed.body.callback;
    const early = await agents.anna!.call("POST", `/api/callbacks/${id}/outcome`, { token, outcome: "no-answer" });
    expect(early.body.error.code).toBe("not_dialled");
    expect((await agents.anna!.call("POST", `/api/callbacks/${id}/dial`, { token })).status).toBe(200);
    const again = await agents.anna!.call("POST", `/api/callbacks/${id}/dial`, { token });
    expect([again.status, again.body.error.code]).toEqual([409, "already_dialled"]);
    const booked = await agents.anna!.call("POST", `/api/callbacks/${id}/outcome`, { token, outcome: "booked" });
    expect(booked.body.error.code).toBe("booking_missing");
    const noAnswer = await agents.anna!.call("POST", `/api/callbacks/${id}/outcome`, { token, outcome: "no-answer" });
    expect(noAnswer.body.callback).toMatchObject({ status: "pending", attempts: 1 });
    expect((await current("anna")).conversation).toMatchObject({ kind: "callback", outcome: "other" });
    expect(await state("anna")).toMatchObject({ state: "wrap-up" });
  });

  it("when wrapping up, then 'booked' needs a booking of this conversation (linked); the timer returns the agent to available, extendable once", async () => {
    await available("anna");
    const callSid = await enqueue();
    await round();
    const offer = (await current("anna")).offer;
    await agents.anna!.call("POST", `/api/offers/${offer.id}/accept`);
    expect((await agents.anna!.call("POST", "/api/wrap-up", { outcome: "other" })).body.error.code).toBe(
      "no_conversation",
    );
    await agents.anna!.call("POST", `/api/calls/${callSid}/end`);
    expect((await agents.anna!.call("POST", "/api/wrap-up", { outcome: "booked" })).body.error.code).toBe(
      "booking_missing",
    );
    const option = (await agents.anna!.call("GET", "/api/search?postcode=33330")).body.options[0];
    const made = await agents.anna!.call("POST", "/api/bookings", {
      firstSlotId: option.pairs[0].firstSlotId,
      person: { name: "Gisela Schmidt", birthDate: "1936-04-12", phone: null, postcode: "33330" },
      idempotencyKey: randomUUID(),
    });
    expect(made.status).toBe(201);
    const done = await agents.anna!.call("POST", "/api/wrap-up", { outcome: "booked", note: "Paar gebucht" });
    expect(done.body.user.state).toBe("available");
    const row = await s.db.query<{ booking_id: number; outcome: string; note: string }>(
      "SELECT booking_id, outcome, note FROM conversation WHERE call_sid = $1",
      [callSid],
    );
    expect(row[0]).toEqual({ booking_id: made.body.booking.id, outcome: "booked", note: "Paar gebucht" });

    // The next call: nothing chosen, the wrap-up ends by itself after 60 s (120 s extended once).
    seconds(5);
    const next = await enqueue();
    await round();
    await agents.anna!.call("POST", `/api/offers/${(await current("anna")).offer.id}/accept`);
    await agents.anna!.call("POST", `/api/calls/${next}/end`);
    expect((await agents.anna!.call("POST", "/api/wrap-up/extend")).body.conversation.wrapUpExtended).toBe(true);
    expect((await agents.anna!.call("POST", "/api/wrap-up/extend")).body.error.code).toBe("wrap_up_extended");
    seconds(61);
    await round();
    expect(await state("anna")).toMatchObject({ state: "wrap-up" });
    seconds(60);
    expect(await round()).toMatchObject({ wrapUpsClosed: 1 });
    expect(await state("anna")).toMatchObject({ state: "available" });
  });

  it("when the caller hangs up during the conversation, then wrap-up starts; a caller who hangs up while ringing stops the ringing", async () => {
    await available("anna");
    const callSid = await enqueue();
    await round();
    await agents.anna!.call("POST", `/api/offers/${(await current("anna")).offer.id}/accept`);
    await s.queue.ended(callSid);
    expect(await round()).toMatchObject({ hungUp: 1 });
    expect(await state("anna")).toMatchObject({ state: "wrap-up" });
    await agents.anna!.call("POST", "/api/wrap-up", { outcome: "information" });

    const gone = await enqueue();
    await round();
    expect((await current("anna")).offer).toMatchObject({ callSid: gone });
    await s.queue.left(gone, "hangup", 10);
    expect(await round()).toMatchObject({ withdrawn: 1 });
    expect((await current("anna")).offer).toBeNull();
    expect(await state("anna")).toMatchObject({ state: "available" });
  });

  it("when a callback's claim is lost to its lease, then the agent's conversation ends in wrap-up instead of blocking the desk", async () => {
    const { request } = await s.callbacks.register({
      phone: "+4952411000077",
      phoneSource: "keyed",
      language: "de",
      reason: "agent",
      birthYear: 1931,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    await available("cem");
    const claimed = (await agents.cem!.call("POST", "/api/callbacks/next")).body.callback;
    expect(claimed.id).toBe(request.id);
    // The lease ran out and the request went back into line.
    await s.db.query(
      "UPDATE callback_request SET status = 'pending', claimed_by = NULL, claim_token = NULL WHERE id = $1",
      [claimed.id],
    );
    const dial = await agents.cem!.call("POST", `/api/callbacks/${claimed.id}/dial`, { token: claimed.token });
    expect(dial.body.error.code).toBe("claim_lost");
    expect(await state("cem")).toMatchObject({ state: "wrap-up" });
    expect((await agents.cem!.call("POST", "/api/wrap-up", { outcome: "other" })).body.user.state).toBe("available");
  });
});
