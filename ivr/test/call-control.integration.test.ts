// Call control against a real server and database, the emulator playing Twilio's conference:
// an accepted caller talks in a conference of their own; the agent holds (music), mutes,
// transfers cold or warm (after a consult); a supervisor listens, whispers and barges, each
// audited; ending the call ends the conference.
import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallControlView } from "../src/contracts/call-control.ts";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { PrismaSupervisionStore } from "../src/adapters/prisma/prisma-supervision-store.ts";
import { conferenceName } from "../src/domain/agents/call-control.ts";
import { agentActivity } from "../src/domain/supervision/agent-activity.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ENV = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123,cem:Cem Aydin:pw-cem-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
  ROUTING_ROUND_MS: "0",
  HOLD_MUSIC_URL: "https://example.test/music.mp3",
};

describe.each(DB_KINDS)("call control on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const people: Record<string, ConsoleClient> = {};
  const clock = new FakeClock();
  const phone = () => server.hotline.telephony as EmulatedTelephony;
  const legs = (callSid: string) => phone().conferences.get(conferenceName(callSid));
  const current = async (who: string) => (await people[who]!.call("GET", "/api/agent/current")).body;
  const me = async (who: string) => (await people[who]!.call("GET", "/api/auth/me")).body.user;
  /** Anna takes a fresh callback to `phone` and dials it; the emulated callee picks up and is put in the room. */
  const annaDialsCallback = async (phone: string) => {
    await s.db.query("UPDATE callback_request SET status = 'done' WHERE status IN ('pending', 'claimed', 'dialling')");
    await s.callbacks.register({
      phone,
      phoneSource: "keyed",
      language: "de",
      reason: "long-wait",
      birthYear: 1935,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    const callback = (await people.anna!.call("POST", "/api/callbacks/next")).body.callback;
    const dial = await people.anna!.call("POST", `/api/callbacks/${callback.id}/dial`, { token: callback.token });
    const callSid: string = dial.body.callSid;
    await expect
      .poll(() => [...(legs(callSid)?.keys() ?? [])].sort(), { timeout: 5_000 })
      .toEqual(["agent-anna", "caller"]);
    return { callback, callSid };
  };

  /** A caller waiting, offered to anna and accepted: the call's SID. */
  const answered = async () => {
    const callSid = `CA${randomUUID().replace(/-/g, "")}`;
    await s.queue.enqueue({ callSid, language: "de", phone: "+4952411234567", reason: "pressed-0", context: {} });
    expect((await people.anna!.call("POST", "/api/agent/state", { state: "available" })).status).toBe(200);
    clock.advance(1 / 60);
    await server.hotline.router.round();
    const offer = (await current("anna")).offer;
    expect((await people.anna!.call("POST", `/api/offers/${offer.id}/accept`)).status).toBe(200);
    return callSid;
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ENV);
    server = await startTestServer(s, ENV);
    for (const who of ["anna", "ben", "cem", "leitung"]) {
      people[who] = new ConsoleClient(server.url);
      expect((await people[who].login(who, `pw-${who}-123`)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    await s.db.query("UPDATE queued_call SET status = 'left', ended_at = now() WHERE status <> 'left'");
    await s.db.query("UPDATE agent_offer SET status = 'withdrawn' WHERE status = 'open'");
    await s.db.query("UPDATE conversation SET closed_at = now() WHERE closed_at IS NULL");
    await s.db.query("UPDATE call_leg SET left_at = now() WHERE left_at IS NULL");
    await s.db.query("UPDATE agent SET state = 'offline', current_call_sid = NULL, current_callback_id = NULL");
  });

  it("when an agent accepts a call, then the caller is put in a conference of their own and the agent's softphone joins it", async () => {
    const callSid = await answered();
    const redirect = phone().redirects.find((r) => r.callSid === callSid)!;
    expect(redirect.url).toContain("/voice/agent/connect?agent=anna");
    // The caller's leg joined by TwiML (render-conference.ts), the agent's by the REST API.
    expect([...legs(callSid)!.keys()]).toEqual(["caller", "agent-anna"]);
    expect(legs(callSid)!.get("agent-anna")).toMatchObject({ to: "client:anna", muted: false, endsCall: true });
    const view = (await people.anna!.call("GET", `/api/calls/${callSid}/control`)).body.control;
    expect(view).toEqual({ callSid, agentId: "anna", held: false, muted: false, consult: null, monitors: [] });
  });

  it("when the agent holds the caller and mutes, then the caller hears music and nobody hears the agent; and back", async () => {
    const callSid = await answered();
    const hold = await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: true });
    expect(hold.body.control).toMatchObject({ held: true });
    expect(legs(callSid)!.get("caller")).toMatchObject({ hold: true, holdUrl: "https://example.test/music.mp3" });
    expect(phone().hearers(conferenceName(callSid), "agent-anna")).toEqual([]);
    await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: false });
    expect(phone().hearers(conferenceName(callSid), "agent-anna")).toEqual(["caller"]);

    const mute = await people.anna!.call("POST", `/api/calls/${callSid}/mute`, { muted: true });
    expect(mute.body.control).toMatchObject({ muted: true, held: false });
    expect(phone().hearers(conferenceName(callSid), "agent-anna")).toEqual([]);
    expect(phone().hearers(conferenceName(callSid), "caller")).toEqual(["agent-anna"]);
    // Someone else's call: refused.
    expect((await people.ben!.call("POST", `/api/calls/${callSid}/hold`, { held: true })).status).toBe(403);
  });

  it("when the agent transfers cold to a free colleague, then the colleague has the call with its context and the agent is in wrap-up", async () => {
    const callSid = await answered();
    const refused = await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "cold" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("target_busy");

    await people.ben!.call("POST", "/api/agent/state", { state: "available" });
    const targets = (await people.anna!.call("GET", `/api/calls/${callSid}/transfer-targets`)).body.targets;
    expect(targets).toEqual([{ id: "ben", name: "Ben Kaya", role: "agent" }]);
    const done = await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "cold" });
    expect(done.body.control).toMatchObject({ agentId: "ben", consult: null });
    expect([...legs(callSid)!.keys()]).toEqual(["caller", "agent-ben"]);
    expect(await me("anna")).toMatchObject({ state: "wrap-up" });
    expect(await me("ben")).toMatchObject({ state: "on-call" });
    const ben = await current("ben");
    expect(ben.call).toMatchObject({ callSid });
    expect(ben.conversation).toMatchObject({ kind: "call", callSid, endedAt: null });
    expect((await current("anna")).conversation.endedAt).not.toBeNull();
    // The call is ben's now: anna can no longer hold it.
    expect((await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: true })).status).toBe(403);
  });

  it("when the agent transfers warm, then the caller waits on hold while the colleague is consulted; cancel, then hand over", async () => {
    const callSid = await answered();
    await people.ben!.call("POST", "/api/agent/state", { state: "available" });
    const consult = await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "warm" });
    expect(consult.body.control).toMatchObject({ agentId: "anna", held: true, consult: { agentId: "ben" } });
    expect(phone().hearers(conferenceName(callSid), "agent-anna")).toEqual(["agent-ben"]);
    expect(await me("ben")).toMatchObject({ state: "on-call" });
    const twice = await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "warm" });
    expect(twice.body.error.code).toBe("transfer_pending");

    const cancelled = await people.anna!.call("POST", `/api/calls/${callSid}/transfer/cancel`);
    expect(cancelled.body.control).toMatchObject({ held: false, consult: null });
    expect(await me("ben")).toMatchObject({ state: "available" });
    expect([...legs(callSid)!.keys()].sort()).toEqual(["agent-anna", "caller"]);

    await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "warm" });
    const done = await people.anna!.call("POST", `/api/calls/${callSid}/transfer/complete`);
    expect(done.body.control).toMatchObject({ agentId: "ben", held: false, consult: null });
    expect(phone().hearers(conferenceName(callSid), "caller")).toEqual(["agent-ben"]);
    expect(await me("anna")).toMatchObject({ state: "wrap-up" });
    expect((await current("ben")).call).toMatchObject({ callSid });
    // The consulted colleague's leg now ends the call when it hangs up, as the agent's did.
    expect(legs(callSid)!.get("agent-ben")).toMatchObject({ endsCall: true });
    await phone().leaveConference(conferenceName(callSid), "agent-ben");
    expect(legs(callSid)).toBeUndefined();
  });

  it("when a supervisor listens, whispers and barges, then the caller hears them only after barging, and each step is audited", async () => {
    const callSid = await answered();
    const boss = people.leitung!;
    expect(
      (await people.ben!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" })).status,
    ).toBe(403);
    const conference = conferenceName(callSid);
    const live = (await boss.call("GET", "/api/supervisor/calls")).body.calls;
    expect(live).toEqual([expect.objectContaining({ agentId: "anna", agentName: "Anna Becker" })]);
    expect(live[0].control).toMatchObject({ callSid, agentId: "anna", monitors: [] });

    const listen = await boss.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" });
    expect(listen.body.control.monitors).toEqual([{ agentId: "leitung", mode: "listen" }]);
    expect(phone().hearers(conference, "agent-leitung")).toEqual([]);
    expect(phone().hearers(conference, "caller")).toContain("agent-leitung");
    expect(phone().hearers(conference, "agent-anna")).toContain("agent-leitung");

    await boss.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "whisper" });
    expect(phone().hearers(conference, "agent-leitung")).toEqual(["agent-anna"]);

    const barge = await boss.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "barge" });
    expect(barge.body.control.monitors).toEqual([{ agentId: "leitung", mode: "barge" }]);
    expect(phone().hearers(conference, "agent-leitung").sort()).toEqual(["agent-anna", "caller"]);

    const left = await boss.call("POST", `/api/supervisor/calls/${callSid}/monitor/end`);
    expect(left.body.control.monitors).toEqual([]);
    expect(legs(callSid)!.has("agent-leitung")).toBe(false);

    const audit = (await boss.call("GET", "/api/supervisor/audit")).body.actions as {
      action: string;
      details: Record<string, unknown>;
    }[];
    const mine = audit.filter((a) => a.action.startsWith("monitor.") && a.details.callSid === callSid);
    expect(mine.map((a) => a.action).sort()).toEqual([
      "monitor.barge",
      "monitor.end",
      "monitor.listen",
      "monitor.whisper",
    ]);
    expect(mine.find((a) => a.action === "monitor.listen")!.details).toMatchObject({ agentId: "anna" });
  });

  it("when the agent ends the call, then the caller's conference ends and a supervisor can listen elsewhere", async () => {
    const callSid = await answered();
    await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" });
    expect((await people.anna!.call("POST", `/api/calls/${callSid}/end`)).status).toBe(204);
    expect(legs(callSid)).toBeUndefined();
    const view = (await people.leitung!.call("GET", `/api/calls/${callSid}/control`)).body.control;
    expect(view).toMatchObject({ agentId: null, monitors: [] });
    const again = await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" });
    expect(again.body.error.code).toBe("call_not_live");
  });

  it("when the agent holds the caller for 40 s, then handle time counts talk 80 s + hold 40 s + wrap-up 30 s", async () => {
    // cem works only in this test, so his history is this call's alone.
    clock.set("2021-01-25T11:00:00+01:00");
    const dayStart = clock.now();
    expect((await people.cem!.call("POST", "/api/agent/state", { state: "available" })).status).toBe(200);
    const callSid = `CA${randomUUID().replace(/-/g, "")}`;
    await s.queue.enqueue({ callSid, language: "de", phone: "+4952411234567", reason: "pressed-0", context: {} });
    await server.hotline.router.round();
    const offer = (await people.cem!.call("GET", "/api/agent/current")).body.offer;
    expect((await people.cem!.call("POST", `/api/offers/${offer.id}/accept`)).status).toBe(200);
    clock.advance(1); // talk 60 s
    await people.cem!.call("POST", `/api/calls/${callSid}/hold`, { held: true });
    clock.advance(1 / 3); // hold 20 s, then "Halten" again: still the same hold
    await people.cem!.call("POST", `/api/calls/${callSid}/hold`, { held: true });
    clock.advance(1 / 3); // hold 20 s more
    await people.cem!.call("POST", `/api/calls/${callSid}/hold`, { held: false });
    clock.advance(1 / 3); // talk 20 s
    expect((await people.cem!.call("POST", `/api/calls/${callSid}/end`)).status).toBe(204);
    clock.advance(1 / 2); // wrap-up 30 s
    expect((await people.cem!.call("POST", "/api/wrap-up", { outcome: "information" })).status).toBe(200);

    const until = new Date(clock.now().getTime() + 1);
    const changes = await new PrismaSupervisionStore(s.db.prisma).agentStateChanges(dayStart, until);
    const cem = changes.filter((c) => c.agentId === "cem");
    expect(cem.map((c) => c.state)).toEqual(["available", "on-call", "on-hold", "on-call", "wrap-up", "available"]);
    const [day] = agentActivity(cem, [{ from: dayStart, until }], clock.now()).periods;
    expect(day).toMatchObject({ talkSeconds: 80, holdSeconds: 40, wrapUpSeconds: 30, handled: 1, handledSeconds: 150 });
  });

  it("when the state changes anywhere, then the agent's and the supervisor's sockets get it without asking", async () => {
    const socketOf = async (who: string) => {
      const socket: Socket = connect(server.url, {
        extraHeaders: { cookie: people[who]!.sessionCookie, origin: server.url },
        transports: ["websocket"],
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const seen: CallControlView[] = [];
      socket.on("call:control", (view: CallControlView) => seen.push(view));
      return { socket, seen };
    };
    const [anna, boss, ben] = [await socketOf("anna"), await socketOf("leitung"), await socketOf("ben")];
    try {
      const callSid = await answered();
      const next = async (of: { seen: CallControlView[] }, count: number) => {
        await expect.poll(() => of.seen.length, { timeout: 3_000 }).toBeGreaterThanOrEqual(count);
        return of.seen[count - 1]!;
      };
      // The agent holds (say, in another tab): both screens learn it.
      await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: true });
      expect(await next(anna, 1)).toMatchObject({ callSid, held: true });
      expect(await next(boss, 1)).toMatchObject({ callSid, held: true });
      // The supervisor listens: the agent's screen shows it.
      await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" });
      expect(await next(anna, 2)).toMatchObject({ monitors: [{ agentId: "leitung", mode: "listen" }] });
      await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "barge" });
      expect(await next(anna, 3)).toMatchObject({ monitors: [{ agentId: "leitung", mode: "barge" }] });
      await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor/end`);
      expect(await next(anna, 4)).toMatchObject({ monitors: [] });
      // Someone not in the call hears nothing of it.
      expect(ben.seen).toEqual([]);
      // The call ends: the supervisor's list learns that nobody owns it any more.
      await people.anna!.call("POST", `/api/calls/${callSid}/end`);
      await expect.poll(() => boss.seen.at(-1), { timeout: 3_000 }).toMatchObject({ callSid, agentId: null });
    } finally {
      for (const { socket } of [anna, boss, ben]) socket.close();
    }
  });

  it("when an agent's callback is answered, then the callee talks in a conference of their own: hold and listening work, the outcome closes it", async () => {
    const { callback, callSid } = await annaDialsCallback("+4952418880055");
    expect((await current("anna")).conversation).toMatchObject({ kind: "callback", callbackId: callback.id, callSid });
    expect(await me("anna")).toMatchObject({ state: "on-call" });

    const hold = await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: true });
    expect(hold.body.control).toMatchObject({ agentId: "anna", held: true });
    expect(legs(callSid)!.get("caller")).toMatchObject({ hold: true, holdUrl: "https://example.test/music.mp3" });
    await people.anna!.call("POST", `/api/calls/${callSid}/hold`, { held: false });
    const listen = await people.leitung!.call("POST", `/api/supervisor/calls/${callSid}/monitor`, { mode: "listen" });
    expect(listen.body.control).toMatchObject({ monitors: [{ agentId: "leitung", mode: "listen" }] });
    expect(phone().hearers(conferenceName(callSid), "caller").sort()).toEqual(["agent-anna", "agent-leitung"]);
    // Someone else cannot hold the callback's callee.
    expect((await people.ben!.call("POST", `/api/calls/${callSid}/hold`, { held: true })).status).toBe(403);

    const outcome = await people.anna!.call("POST", `/api/callbacks/${callback.id}/outcome`, {
      token: callback.token,
      outcome: "declined",
    });
    expect(outcome.status).toBe(200);
    expect(legs(callSid)).toBeUndefined();
    expect(await me("anna")).toMatchObject({ state: "wrap-up" });
  });
  it("when an agent hands an answered callback's callee to a colleague, then the colleague has the call and the callback is done, not left to be dialled again", async () => {
    const { callback, callSid } = await annaDialsCallback("+4952418880066");
    await people.ben!.call("POST", "/api/agent/state", { state: "available" });

    const done = await people.anna!.call("POST", `/api/calls/${callSid}/transfer`, { to: "ben", mode: "cold" });
    expect(done.body.control).toMatchObject({ agentId: "ben" });
    expect([...legs(callSid)!.keys()]).toEqual(["caller", "agent-ben"]);
    expect(await me("anna")).toMatchObject({ state: "wrap-up" });
    expect((await current("ben")).conversation).toMatchObject({ kind: "call", callSid, endedAt: null });
    expect(await s.callbacks.find(callback.id)).toMatchObject({ status: "done", outcome: "connected" });
    // The colleague ends it like any call of theirs.
    expect((await people.ben!.call("POST", `/api/calls/${callSid}/end`)).status).toBe(204);
    expect(legs(callSid)).toBeUndefined();
    expect(await me("ben")).toMatchObject({ state: "wrap-up" });
  });
});
