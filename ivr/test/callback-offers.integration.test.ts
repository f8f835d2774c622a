// Due callbacks are offered like waiting calls, against a real server and database, rounds
// driven by the test on a fake clock: a callback due rings at the longest-idle free agent who
// speaks its language (after the callers on the line), accepting claims it for that agent, whose
// "Anrufen" dials it once per attempt, and the outcome starts the wrap-up; not accepted in time,
// the agent becomes "Nicht bereit (verpasst)" and the next agent rings; claimed elsewhere, the
// offer stops ringing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  ROUTING_ROUND_MS: "0",
  OFFER_RING_SECONDS: "15",
  OFFER_ANY_LANGUAGE_AFTER_SECONDS: "60",
  WRAP_UP_SECONDS: "60",
  // The callee's answer would reach the server on its own; the desk's path is what is tried here.
  EMULATED_CALLEE: "silent",
};

describe.each(DB_KINDS)("callbacks offered to agents on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const agents: Record<string, ConsoleClient> = {};
  const clock = new FakeClock();
  const seconds = (n: number) => clock.advance(n / 60);
  const round = () => server.hotline.router.round();
  const current = async (who: string) => (await agents[who]!.call("GET", "/api/agent/current")).body;
  const state = async (who: string) => (await agents[who]!.call("GET", "/api/auth/me")).body.user;
  const placed = () => (server.hotline.telephony as EmulatedTelephony).placed;
  const available = async (...who: string[]) => {
    for (const w of who) {
      expect((await agents[w]!.call("POST", "/api/agent/state", { state: "available" })).status).toBe(200);
      seconds(1);
    }
  };
  const due = async (language = "de", phone = `+49524112${Math.floor(Math.random() * 1e5)}`) => {
    const { request } = await s.callbacks.register({
      phone,
      phoneSource: "keyed",
      language,
      reason: "long-wait",
      birthYear: 1936,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    seconds(1);
    return request;
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ENV);
    server = await startTestServer(s, ENV);
    for (const who of ["anna", "ben", "leitung"]) {
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
    await s.db.query("UPDATE queued_call SET status = 'left', ended_at = now() WHERE status <> 'left'");
    await s.db.query("UPDATE callback_request SET status = 'done' WHERE status IN ('pending', 'claimed', 'dialling')");
    await s.db.query("UPDATE agent_offer SET status = 'withdrawn' WHERE status = 'open'");
    await s.db.query("UPDATE conversation SET closed_at = now() WHERE closed_at IS NULL");
    await s.db.query("UPDATE agent SET state = 'offline', current_call_sid = NULL, current_callback_id = NULL");
    await s.db.query("UPDATE agent SET languages = ARRAY['de']");
  });

  it("when a callback is due, then it rings at the longest-idle agent; accept, one 'Anrufen' per attempt, outcome, wrap-up, available", async () => {
    await available("ben", "anna");
    const request = await due();
    expect(await round()).toMatchObject({ offered: 1 });
    const offer = (await current("ben")).offer;
    expect(offer).toMatchObject({ kind: "callback", callbackId: request.id, callSid: null, language: "de" });
    expect(offer.reason).toBe("long-wait");
    expect((await current("anna")).offer).toBeNull();

    const accepted = await agents.ben!.call("POST", `/api/offers/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    const callback = accepted.body.callback;
    expect(callback).toMatchObject({ id: request.id, phone: request.phone });
    expect(await state("ben")).toMatchObject({ state: "on-call" });
    const desk = await current("ben");
    expect(desk.conversation).toMatchObject({ kind: "callback", callbackId: request.id, dialledAt: null });
    expect(desk.callback).toMatchObject({ id: request.id, token: callback.token });
    // The callback is ben's now: anna's "Nächster Rückruf" does not get it.
    expect((await agents.anna!.call("POST", "/api/callbacks/next")).body.error.code).toBe("no_callback_due");

    const dials = placed().length;
    const dial = await agents.ben!.call("POST", `/api/callbacks/${request.id}/dial`, { token: callback.token });
    expect(dial.status).toBe(200);
    expect(placed()).toHaveLength(dials + 1);
    expect(placed().at(-1)).toMatchObject({ to: request.phone });
    const again = await agents.ben!.call("POST", `/api/callbacks/${request.id}/dial`, { token: callback.token });
    expect(again.status).toBe(409);
    expect(placed()).toHaveLength(dials + 1);

    const outcome = await agents.ben!.call("POST", `/api/callbacks/${request.id}/outcome`, {
      token: callback.token,
      outcome: "no-answer",
    });
    expect(outcome.status).toBe(200);
    expect(await state("ben")).toMatchObject({ state: "wrap-up" });
    expect((await agents.ben!.call("POST", "/api/wrap-up", { outcome: "other" })).status).toBe(200);
    expect(await state("ben")).toMatchObject({ state: "available" });
    // Not answered: back in the queue for a later attempt, not offered again before then.
    expect((await s.callbacks.find(request.id))!.status).toBe("pending");
    expect(await round()).toMatchObject({ offered: 0 });
  });

  it("when a caller waits on the line and a callback is due, then the caller is offered first, the callback to the next free agent", async () => {
    await available("ben", "anna");
    const request = await due();
    const callSid = `CA${randomUUID().replace(/-/g, "")}`;
    await s.queue.enqueue({ callSid, language: "de", phone: "+4952411234567", reason: "pressed-0", context: {} });
    expect(await round()).toMatchObject({ offered: 2 });
    expect((await current("ben")).offer).toMatchObject({ kind: "call", callSid });
    expect((await current("anna")).offer).toMatchObject({ kind: "callback", callbackId: request.id });
  });

  it("when a Turkish callback is due, then only the agent speaking Turkish rings; after the wait, anyone", async () => {
    await available("anna", "ben");
    const boss = agents.leitung!;
    await boss.call("POST", "/api/supervisor/agents/ben/languages", { languages: ["de", "tr"] });
    const request = await due("tr");
    await round();
    expect((await current("ben")).offer).toMatchObject({ callbackId: request.id });
    expect((await current("anna")).offer).toBeNull();
    // ben lets it ring out; after 60 s due, anna (German only) is offered it.
    seconds(16);
    await round();
    expect(await state("ben")).toMatchObject({ state: "break", notReadyReason: "missed" });
    expect((await current("anna")).offer).toBeNull();
    seconds(45);
    await round();
    expect((await current("anna")).offer).toMatchObject({ kind: "callback", callbackId: request.id });
  });

  it("when the offer rings out, then the agent is 'Nicht bereit (verpasst)' and the next agent rings", async () => {
    await available("ben", "anna");
    const request = await due();
    await round();
    const missed = (await current("ben")).offer;
    seconds(15);
    expect(await round()).toMatchObject({ missed: 1, offered: 1 });
    expect(await state("ben")).toMatchObject({ state: "break", notReadyReason: "missed" });
    expect((await current("anna")).offer).toMatchObject({ callbackId: request.id });
    const late = await agents.ben!.call("POST", `/api/offers/${missed.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("offer_gone");
  });

  it("when the ringing callback is claimed elsewhere, then the offer stops ringing and accepting it is refused", async () => {
    await available("ben", "anna");
    await due();
    await round();
    const offer = (await current("ben")).offer;
    expect(offer.kind).toBe("callback");
    // What the dialler or the worklist would do: claim it by id for someone else.
    expect(await s.callbacks.claimById(offer.callbackId, "worker:test")).not.toBeNull();
    const accepted = await agents.ben!.call("POST", `/api/offers/${offer.id}/accept`);
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.code).toBe("offer_gone");
    expect(await state("ben")).toMatchObject({ state: "available" });
    expect((await current("ben")).conversation).toBeNull();
  });

  it("when an agent is on a call, then no callback rings at their desk", async () => {
    await available("ben");
    const callSid = `CA${randomUUID().replace(/-/g, "")}`;
    await s.queue.enqueue({ callSid, language: "de", phone: "+4952411234567", reason: "pressed-0", context: {} });
    await round();
    const offer = (await current("ben")).offer;
    expect((await agents.ben!.call("POST", `/api/offers/${offer.id}/accept`)).status).toBe(200);
    await due();
    expect(await round()).toMatchObject({ offered: 0 });
    expect((await current("ben")).offer).toBeNull();
  });
});
