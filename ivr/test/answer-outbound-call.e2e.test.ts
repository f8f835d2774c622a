// `npm run call -- --answer N`: the terminal phone takes an outbound call the server's own
// dialler placed through the telephony emulator, and plays it against the webhooks (answer URL,
// asynchronous machine detection's result, a redirect of the live call, TwiML, status callback).
// An invitation answered by a script ends booked; an answering machine is moved to the short
// message once detection finds it; a phone nobody picks up counts as no answer.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lineKey, RingingLine } from "../src/adapters/telephony/emulated-ringing.ts";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { createDialer } from "../src/background-jobs.ts";
import { createLogger } from "../src/logger.ts";
import { answeredCallOptions, waitForCall } from "../../scripts/phone/answer-phone.ts";
import { CallEmulator, ScriptedCaller, signTwilioRequest } from "../../scripts/phone/call-emulator.ts";
import { FakeClock } from "./support/clock.ts";
import { givenInvitation } from "./support/invitations.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

describe("a terminal phone answering the server's outbound call", () => {
  let s: TestServices;
  let server: TestServer;
  let dir: string;
  let line: RingingLine;
  let dialler: ReturnType<typeof createDialer>;
  let n = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "phones-"));
    line = new RingingLine(dir);
    s = await createTestServices("pglite", new FakeClock("2021-01-25T10:00:00+01:00"));
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-01-27" });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-02-08" });
    server = await startTestServer(s, { EMULATED_PHONES_DIR: dir, TWILIO_CALLER_ID: "+4930123456" });
    dialler = createDialer(s, server.hotline, createLogger("silent"), server.url, "w1");
    expect(await dialler.leadership.renew()).toBe(true);
  });
  afterAll(async () => {
    await dialler?.leadership.stop();
    await server?.close();
    await s?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await s.db.query(`UPDATE outbound_call SET status = 'cancelled' WHERE status IN ('pending', 'claimed')`);
  });

  const invite = async () => {
    const phone = `+49151440${String(++n).padStart(5, "0")}`;
    return { phone, invited: await givenInvitation(s, { name: `Frieda Hörer ${n}`, phone }) };
  };
  const task = async (id: number | null) =>
    (
      await s.db.query<{ status: string; last_outcome: string | null }>(
        `SELECT status, last_outcome FROM outbound_call WHERE id = $1`,
        [id],
      )
    )[0]!;
  /** The dialler's next call; its pacing (1 call/s) may hold a tick back. */
  const dial = async () => {
    for (let i = 0; i < 30; i++) {
      const ref = await dialler.dialer.tick();
      if (ref) return ref;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  };
  const invitation = async (id: number) =>
    (await s.db.query<{ status: string }>(`SELECT status FROM waitlist_invitation WHERE id = $1`, [id]))[0]!.status;

  it("when the phone waits at the invited person's number and a script answers, then the call runs against the webhooks and the invitation is booked", async () => {
    const { phone, invited } = await invite();
    const ringing = waitForCall(line, phone, { timeoutMs: 5_000, pollMs: 20 });
    await new Promise((r) => setTimeout(r, 50)); // the phone is by the number before the dialler dials
    expect(await dial()).toBe(`invitation:${invited.invitationId}`);
    const call = await ringing;
    // Detection runs beside the call (asyncAmd): nobody waits in silence while it listens.
    expect(call).toMatchObject({
      to: phone,
      from: "+4930123456",
      machineDetection: "DetectMessageEnd",
      asyncAmdStatusCallbackUrl: `${server.url}/voice/outbound/amd`,
    });

    const caller = new ScriptedCaller([
      { expect: /automatische Ansage der Impf-Hotline.*Tag und Monat Ihrer Geburt/s, answer: "0303" },
      { expect: /Für Sie ist ein Termin reserviert.*Zum Annehmen drücken Sie die 1/s, answer: "1" },
      { expect: /Ihre Termine sind gebucht/, answer: "hangup" },
    ]);
    const emulator = new CallEmulator({
      ...answeredCallOptions(call!, { baseUrl: server.url, authToken: TEST_AUTH_TOKEN }, "human", line),
      caller,
    });
    expect(await emulator.run()).toBe("completed");
    // Twilio's answer request for a placed call: in progress, outbound; who answered is not known
    // yet, and the answer is the greeting itself. The detection's result follows: a person.
    const [answered, detected] = emulator.requests;
    expect(answered!.params).toMatchObject({
      CallSid: call!.callSid,
      Direction: "outbound-api",
      CallStatus: "in-progress",
      To: phone,
    });
    expect(answered!.params.AnsweredBy).toBeUndefined();
    expect(detected).toMatchObject({ url: `${server.url}/voice/outbound/amd`, status: 204 });
    expect(detected!.params).toMatchObject({ CallSid: call!.callSid, AnsweredBy: "human" });
    const first = emulator.events.find((e) => e.type === "say");
    expect(first).toMatchObject({ text: expect.stringMatching(/^Guten Tag\. Hier ist eine automatische Ansage/) });
    expect(emulator.events.some((e) => e.type === "redirect")).toBe(false);
    expect(await invitation(invited.invitationId)).toBe("accepted");
    const [booking] = await s.db.query<{ status: string }>(
      `SELECT b.status FROM booking b JOIN waitlist_invitation i ON i.booking_id = b.id WHERE i.id = $1`,
      [invited.invitationId],
    );
    expect(booking?.status).toBe("active");
    // The status callback the phone sent ended the task: it is not dialled again.
    expect(["done", "cancelled"]).toContain((await task(invited.taskId)).status);
  });

  it("when an answering machine takes the call, then detection's machine_end result moves the live call to the message without personal data, and the attempt counts as a machine", async () => {
    const { phone, invited } = await invite();
    const ringing = waitForCall(line, phone, { timeoutMs: 5_000, pollMs: 20 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await dial()).toBe(`invitation:${invited.invitationId}`);
    const call = await ringing;
    const emulator = new CallEmulator({
      ...answeredCallOptions(call!, { baseUrl: server.url, authToken: TEST_AUTH_TOKEN }, "machine", line),
      // A machine presses nothing: a Gather reached (the birth-date question) would throw.
      caller: new ScriptedCaller([]),
    });
    expect(await emulator.run()).toBe("completed");
    expect(emulator.requests[1]!.params).toMatchObject({ AnsweredBy: "machine_end_beep" });
    expect(emulator.events).toContainEqual({ type: "redirect", url: `${server.url}/voice/enter/outbound-machine` });
    expect(emulator.spokenText()).toMatch(/Nummer 1 1 6, 1 1 7.*Registriernummer/s);
    expect(emulator.spokenText()).not.toMatch(/Frieda|Hörer|Gütersloh|Impfzentrum/);
    expect(await task(invited.taskId)).toMatchObject({ status: "pending", last_outcome: "machine" });
  });

  it("when detection says machine only after the person typed the right birth date, then the call is not moved and counts as a person", async () => {
    const { phone, invited } = await invite();
    const ringing = waitForCall(line, phone, { timeoutMs: 5_000, pollMs: 20 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await dial()).toBe(`invitation:${invited.invitationId}`);
    const call = (await ringing)!;
    let lateResult: number | undefined;
    const emulator = new CallEmulator({
      // No result right after the answer: it comes late, while the person hears the offer.
      ...answeredCallOptions(
        { ...call, asyncAmdStatusCallbackUrl: undefined },
        { baseUrl: server.url, authToken: TEST_AUTH_TOKEN },
        "human",
        line,
      ),
      caller: async (prompt) => {
        if (/Tag und Monat Ihrer Geburt/.test(prompt.text)) return { digits: "0303" };
        const url = `${server.url}/voice/outbound/amd`;
        const params = {
          CallSid: call.callSid,
          AccountSid: "AC00000000000000000000000000000000",
          AnsweredBy: "machine_end_other",
        };
        lateResult = (
          await fetch(url, {
            method: "POST",
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-twilio-signature": signTwilioRequest(TEST_AUTH_TOKEN, url, params),
            },
            body: new URLSearchParams(params),
          })
        ).status;
        return { hangup: true };
      },
    });
    expect(await emulator.run()).toBe("completed");
    expect(lateResult).toBe(204);
    expect(emulator.events.some((e) => e.type === "redirect")).toBe(false);
    expect(line.takeRedirect(call.callSid)).toBeNull();
    expect((await task(invited.taskId)).last_outcome).toBe("human");
  });

  it("when nobody picks up, or the phone's process is gone, then the emulator gets the call back: one phone takes a call once", () => {
    const ring = (callSid: string) =>
      line.ring({
        callSid,
        from: "+4930123456",
        to: "+49 151 44000001",
        answerUrl: "http://x/a",
        statusCallbackUrl: "http://x/s",
      });
    ring("CA1");
    // Ringing out: the emulator removes it (and reports no-answer); no phone can take it after.
    expect(line.stopRinging("+4915144000001", "CA1")).toBe(true);
    expect(line.pickUp("015144000001")).toBeNull();
    // Taken: the emulator's ring timeout finds nothing to remove.
    ring("CA2");
    expect(line.pickUp("0049 151 44000001")?.callSid).toBe("CA2");
    expect(line.stopRinging("+4915144000001", "CA2")).toBe(false);
    expect(line.pickUp("+4915144000001")).toBeNull();
    // A redirect of a call reaches the phone once.
    line.redirect("CA2", "http://x/voice/enter/outbound-machine");
    expect(line.takeRedirect("CA2")).toBe("http://x/voice/enter/outbound-machine");
    expect(line.takeRedirect("CA2")).toBeNull();
    // A waiting phone whose process ended does not count as waiting.
    line.wait("+4915144000001");
    expect(line.isWaiting("+4915144000001")).toBe(true);
    writeFileSync(join(dir, `${lineKey("+4915144000001")}.waiting`), JSON.stringify({ pid: 2 ** 22 + 1 }));
    expect(line.isWaiting("+4915144000001")).toBe(false);
  });
});

describe.each([
  ["answer", "human", "done"],
  ["machine", "machine", "pending"],
] as const)(
  "an unattended emulated callee (EMULATED_CALLEE=%s) with asynchronous detection",
  (callee, outcome, status) => {
    let s: TestServices;
    let server: TestServer;

    beforeAll(async () => {
      s = await createTestServices("pglite", new FakeClock("2021-01-25T10:00:00+01:00"));
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(2, { day: "2021-01-27" });
      server = await startTestServer(s, { EMULATED_CALLEE: callee });
    });
    afterAll(async () => {
      await server?.close();
      await s?.dispose();
    });

    it(`when the dialler places an invitation call, then detection's result is posted and the attempt counts as ${outcome}`, async () => {
      const invited = await givenInvitation(s, { name: "Gustav Ohnetelefonist", phone: "+4915144099999" });
      const { dialer, leadership } = createDialer(s, server.hotline, createLogger("silent"), server.url, "w1");
      try {
        expect(await leadership.renew()).toBe(true);
        expect(await dialer.tick()).toBe(`invitation:${invited.invitationId}`);
        let row: { status: string; last_outcome: string | null } | undefined;
        for (let i = 0; i < 50 && !row?.last_outcome; i++) {
          await new Promise((r) => setTimeout(r, 100));
          [row] = await s.db.query<{ status: string; last_outcome: string | null }>(
            `SELECT status, last_outcome FROM outbound_call WHERE id = $1 AND status NOT IN ('claimed', 'dialling')`,
            [invited.taskId],
          );
        }
        expect(row).toEqual({ status, last_outcome: outcome });
        // A machine's call is moved to the message without personal data; a person's is not.
        const redirects = (server.hotline.telephony as EmulatedTelephony).redirects.map((r) => r.url);
        expect(redirects).toEqual(callee === "machine" ? [`${server.url}/voice/enter/outbound-machine`] : []);
      } finally {
        await leadership.stop();
      }
    });
  },
);
