// Issue 17: the invitation reaches the person. Whole emulated calls against the server: the
// automated invitation call (identity first, then the centre and dates, 1/2/3/0), an
// answering machine, a wrong birth date, accepting by calling in with the registration number,
// and the letter when nobody answers three times. PGlite always, PostgreSQL when configured.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.ts";
import { SCREENSHOTS } from "./support/browser.ts";
import type { EmulatedSms } from "../src/adapters/telephony/sms.ts";
import { renderLetters } from "../src/adapters/letters/pdf-letters.ts";
import { LetterRun } from "../src/domain/letters/letter-run.ts";
import { SqlLetterStore } from "../src/adapters/db/sql-letter-store.ts";
import { formatRegistrationNumber } from "../src/domain/waitlist/registration-number.ts";
import { spokenDigits } from "../src/domain/outbound/identity-policy.ts";
import { createWaitlistServices } from "../src/waitlist-services.ts";
import { FakeClock } from "./support/clock.ts";
import { givenInvitation } from "./support/invitations.ts";
import { placeCall, postWebhook } from "./support/phone.ts";
import { centreOf, givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const OPEN = "2021-01-25T10:00:00+01:00";
const MOBILE = (n: number) => `+49151770${String(n).padStart(5, "0")}`;
/** A CallSid as Twilio makes them: CA and 32 hex digits. */
const SID = (n: number, attempt = 0) => `CA${String(n).padStart(16, "0")}${String(attempt).padStart(16, "0")}`;
const IDENTITY = [
  {
    expect: /automatische Ansage der Impf-Hotline.*nie nach Geld oder Bankdaten.*Tag und Monat Ihrer Geburt/s,
    answer: "0303",
  },
];

describe.each(DB_KINDS)("invitation calls on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const clock = new FakeClock(OPEN);
  let n = 0;

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(30, { day: "2021-01-27" });
    // For letters (a week ahead) and the run after an expiry, when every expired invitation competes again.
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(20, { day: "2021-02-08" });
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set(OPEN));

  const status = async (invitationId: number) =>
    (
      await s.db.query<{ status: string; entry: string; booking_id: number | null; hold_id: string | null }>(
        `SELECT i.status, e.status AS entry, i.booking_id, i.hold_id FROM waitlist_invitation i
           JOIN waitlist_entry e ON e.id = i.entry_id WHERE i.id = $1`,
        [invitationId],
      )
    )[0]!;
  const answer = (taskId: number | null, steps: Parameters<typeof placeCall>[1], machine = false) =>
    placeCall(server, steps, {
      incomingPath: `/voice/outbound/answer?task=${taskId}`,
      statusCallback: "/voice/outbound/status",
      ...(machine ? { answeredBy: "machine_end_beep" as const } : { answeredBy: "human" as const }),
    });

  it("when a person registered by phone (source 'phone') is invited and presses 1, then the held pair is booked, the code read twice and an SMS sent without the birth date", async () => {
    const phone = MOBILE(++n);
    const invited = await givenInvitation(s, { name: `Erika Anruf ${n}`, phone, consentSms: true, source: "phone" });
    expect(invited.taskId).not.toBeNull();
    const call = await answer(invited.taskId, [
      ...IDENTITY,
      { expect: /Für Sie ist ein Termin reserviert, im Impfzentrum.*Zum Annehmen drücken Sie die 1/s, answer: "1" },
      { expect: /Ihre Termine sind gebucht.*Die Bestätigung kommt per SMS.*Buchungscode/s, answer: "3" },
    ]);
    expect(call.emulator.state).toBe("completed");
    expect(await status(invited.invitationId)).toMatchObject({ status: "accepted", entry: "booked", hold_id: null });
    const { booking_id } = await status(invited.invitationId);
    const booking = await s.db.prisma.booking.findUnique({ where: { id: booking_id! } });
    expect(booking?.status).toBe("active");
    // One SMS, to the number the person gave: time and place, never the birth date.
    const sent = (server.hotline.sms as EmulatedSms).outbox.filter((m) => m.to === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatch(/Gütersloh/);
    expect(sent[0]!.body).not.toMatch(/1938|03\.03\.|3\. März/);
    // The call is done: the scheduler does not dial it again.
    const [task] = await s.db.query<{ status: string }>(`SELECT status FROM outbound_call WHERE id = $1`, [
      invited.taskId,
    ]);
    expect(["cancelled", "done"]).toContain(task!.status);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when the person presses 3, then the pair is released at once, the entry leaves the list, and the next run invites the next person", async () => {
    const invited = await givenInvitation(s, { name: `Hans Absage ${++n}`, phone: MOBILE(n) });
    const smsBefore = (server.hotline.sms as EmulatedSms).outbox.length;
    const heldBefore = await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`);
    await answer(invited.taskId, [
      ...IDENTITY,
      { expect: /Wenn Sie keinen Termin mehr brauchen, die 3/, answer: "3" },
      "silence",
    ]);
    expect(await status(invited.invitationId)).toMatchObject({ status: "declined", entry: "declined", hold_id: null });
    expect((server.hotline.sms as EmulatedSms).outbox.length).toBe(smsBefore);
    const heldAfter = await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`);
    expect(heldAfter[0]!.held).toBe(heldBefore[0]!.held - 2);
    const next = await givenInvitation(s, { name: `Grete Nachrückerin ${++n}`, phone: MOBILE(n) });
    expect(next.runId).toBeGreaterThan(invited.runId);
    expect((await status(next.invitationId)).status).toBe("invited");
  });

  it("when an answering machine picks up, then it hears the hotline number and the registration number, nothing personal", async () => {
    const name = `Ida Maschine ${++n}`;
    const invited = await givenInvitation(s, { name, phone: MOBILE(n) });
    const res = await postWebhook(server, `/voice/outbound/answer?task=${invited.taskId}`, {
      CallSid: SID(n),
      AccountSid: "AC00000000000000000000000000000000",
      From: "+4930123456",
      To: MOBILE(n),
      CallStatus: "in-progress",
      Direction: "outbound-api",
      AnsweredBy: "machine_end_beep",
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain(spokenDigits("116 117"));
    expect(res.body).toContain(spokenDigits(formatRegistrationNumber(invited.registrationNumber)));
    expect(res.body).toContain("<Hangup/>");
    // No name, no birth date, no centre, no appointment.
    expect(res.body).not.toMatch(/Ida|Maschine|Gütersloh|Impfzentrum|1938|März|Januar|Februar|Uhr\b.*Impfung/);
    expect(res.body).not.toContain("<Gather");
  });

  it("when the birth date is wrong twice, then no details are said, only the hotline number and a kind goodbye", async () => {
    const invited = await givenInvitation(s, { name: `Otto Falsch ${++n}`, phone: MOBILE(n) });
    const call = await answer(invited.taskId, [
      { expect: /Tag und Monat Ihrer Geburt/, answer: "1111" },
      { expect: /Das passt leider nicht/, answer: "0101" },
    ]);
    expect(call.spoken).toMatch(/Ich konnte Ihr Geburtsdatum nicht bestätigen.*116 117|1 1 6, 1 1 7/s);
    expect(call.spoken).toMatch(/Auf Wiederhören/);
    expect(call.spoken).not.toMatch(/Gütersloh|reserviert, im|Uhr, die zweite|Otto/);
    expect((await status(invited.invitationId)).status).toBe("invited");
  });

  it("when the person says nothing, then the question comes once more, then the hotline number and goodbye", async () => {
    const invited = await givenInvitation(s, { name: `Frieda Still ${++n}`, phone: MOBILE(n) });
    const call = await answer(invited.taskId, ["silence", "silence"]);
    expect(call.spoken.match(/Tag und Monat Ihrer Geburt/g)).toHaveLength(2);
    // Who is calling is said once; then only the question again.
    expect(call.spoken.match(/automatische Ansage/g)).toHaveLength(1);
    expect(call.spoken).toMatch(/nicht bestätigen.*1 1 6, 1 1 7.*Auf Wiederhören/s);
    expect(call.emulator.state).toBe("completed");
  });

  it("when the person presses 2, then the next two pairs are offered and the one chosen is booked instead, the invitation's pair given back", async () => {
    const invited = await givenInvitation(s, { name: `Paul Anders ${++n}`, phone: MOBILE(n) });
    const original = await s.db.query<{ first_slot_id: number }>(
      `SELECT first_slot_id FROM waitlist_invitation WHERE id = $1`,
      [invited.invitationId],
    );
    const call = await answer(invited.taskId, [
      ...IDENTITY,
      { expect: /Für einen anderen Termin die 2/, answer: "2" },
      { expect: /Vorschlag 1: im .*Vorschlag 2: im .*Für Vorschlag 1 drücken Sie die 1/s, answer: "2" },
      { expect: /Ihre Termine sind gebucht/, answer: "3" },
    ]);
    expect(call.emulator.state).toBe("completed");
    const after = await status(invited.invitationId);
    expect(after).toMatchObject({ status: "accepted", entry: "booked", hold_id: null });
    const booking = await s.db.prisma.booking.findUnique({ where: { id: after.booking_id! } });
    expect(booking?.firstSlotId).not.toBe(original[0]!.first_slot_id);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when an invited person calls the hotline and types the registration number, then after the birth date they hear the invitation and can accept", async () => {
    const invited = await givenInvitation(s, { name: `Berta Rückruf ${++n}`, phone: MOBILE(n) });
    const call = await placeCall(server, [
      "silence",
      { expect: /Buchungscode/, answer: "1" },
      { expect: /zwölf Ziffern/, answer: `${invited.registrationNumber}#` },
      { expect: /Tag und Monat Ihrer Geburt/, answer: "0303" },
      { expect: /Für Sie ist ein Termin reserviert.*Zum Annehmen drücken Sie die 1/s, answer: "1" },
      { expect: /Ihre Termine sind gebucht/, answer: "3" },
    ]);
    expect(call.spoken).not.toMatch(/automatische Ansage/);
    expect(await status(invited.invitationId)).toMatchObject({ status: "accepted", entry: "booked" });
  });

  it("when nobody answers three times, then the held pair is booked and the invitation letter is in the day's PDF", async () => {
    const name = `Kurt Keinanschluss ${++n}`;
    const invited = await givenInvitation(s, { name, phone: MOBILE(n), consentSms: true });
    // Only this person's call is waiting (the other tests' calls are settled).
    await s.db.query(`UPDATE outbound_call SET status = 'cancelled' WHERE id <> $1 AND status = 'pending'`, [
      invited.taskId,
    ]);
    const dialled: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      let claim = await s.outbound.claimNext("test", false);
      for (let i = 0; i < 200 && !claim; i++) {
        clock.advance(30);
        claim = await s.outbound.claimNext("test", false);
      }
      expect(claim?.task.id).toBe(invited.taskId);
      dialled.push(clock.now().toISOString());
      await s.outbound.dialling(claim!, SID(n, attempt));
      const res = await postWebhook(server, "/voice/outbound/status", {
        CallSid: SID(n, attempt),
        AccountSid: "AC00000000000000000000000000000000",
        CallStatus: "no-answer",
        CallDuration: "0",
      });
      expect(res.status).toBe(204);
    }
    // Three tries within a day, each in calling hours.
    expect(new Date(dialled[2]!).getTime() - new Date(dialled[0]!).getTime()).toBeLessThanOrEqual(26 * 3_600_000);
    expect(await status(invited.invitationId)).toMatchObject({ status: "booked", entry: "booked", hold_id: null });
    // Beside the letter, an SMS to the mobile number the person gave: time and place, no birth date.
    const sms = (server.hotline.sms as EmulatedSms).outbox.filter((m) => m.to === MOBILE(n));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(/Ein Brief folgt/);
    expect(sms[0]!.body).not.toMatch(/1938|03\.03\./);
    const letters = new LetterRun(new SqlLetterStore(s.db), s.geography, s.clock, () => ({
      name: "Impf-Hotline",
      phone: "116 117",
      opens: "08:00",
      closes: "22:00",
    }));
    await letters.gather("test");
    const regionId = s.geography.districtOfCentre(centreOf(s, "Kreis Gütersloh").id)!.regionId;
    const day = letters.today();
    const batch = await letters.letters(day, "test", regionId);
    const letter = batch.find((l) => l.recipient[0] === name);
    expect(letter?.subject).toBe("Ihre Einladung zur Corona-Impfung");
    // The held pair was two days away: the letter's pair is at least a week ahead, so it arrives in time.
    expect(Object.fromEntries(letter!.highlights)["1. Impfung"]).toMatch(/8\. Februar 2021/);
    expect(Object.fromEntries(letter!.highlights)["Buchungscode"]).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const pdf = await renderLetters(batch, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The letter as an image for the README (UPDATE_SCREENSHOTS=1 writes it to docs/screenshots).
    if (kind === "pglite" && existsSync("/usr/bin/pdftoppm")) {
      mkdirSync(join(PROJECT_ROOT, "tmp"), { recursive: true });
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = join(PROJECT_ROOT, "tmp", "invitation-letter.pdf");
      writeFileSync(file, await renderLetters([letter!]));
      execFileSync("/usr/bin/pdftoppm", [
        "-png",
        "-r",
        "80",
        "-singlefile",
        file,
        join(SCREENSHOTS, "invitation-letter"),
      ]);
    }
    // Another region's PDF does not carry this letter.
    expect((await letters.letters(day, "test", "hessen")).some((l) => l.recipient[0] === name)).toBe(false);
  });

  it("when an invitation's deadline passes unanswered, then the pair goes back and the person is invited again in the next run", async () => {
    const invited = await givenInvitation(s, { name: `Lotte Später ${++n}`, phone: MOBILE(n), consentCalls: true });
    const { runs } = createWaitlistServices(s, { MIN_AGE: 80 });
    clock.advance(73 * 60);
    expect(await runs.expire()).toBeGreaterThanOrEqual(1);
    expect(await status(invited.invitationId)).toMatchObject({ status: "expired", entry: "waiting" });
    const regionId = s.geography.districtOfCentre(centreOf(s, "Kreis Gütersloh").id)!.regionId;
    const run = await runs.publish(regionId, { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    const again = await s.db.query<{ status: string }>(
      `SELECT status FROM waitlist_invitation WHERE entry_id = $1 AND run_id = $2`,
      [invited.entryId, run.id],
    );
    expect(again.map((r) => r.status)).toEqual(["invited"]);
  });
});

describe("a run larger than the call budget", () => {
  it("when a run invites more people than the calls-per-second budget can call before the deadline, then the rest are booked for a letter at once", async () => {
    const clock = new FakeClock("2021-01-25T18:30:00+01:00");
    // 0.1 calls/s, half of it for invitations, 1.5 attempts each (120 calls per calling hour); the
    // deadline less an hour is the 28th, 17:30: 0.5 + 10 + 10 + 8.5 = 29 calling hours → 3,480 calls.
    const s = await createTestServices("pglite", clock, { CALLS_PER_SECOND: "0.1" });
    try {
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(4, { day: "2021-01-27" });
      // Calls queued already leave room for 3,480 - 3,478 = 2 more.
      await s.outbound.enqueue(
        Array.from({ length: 3_478 }, (_, i) => ({
          kind: "invitation" as const,
          subjectId: `earlier-${i}`,
          phone: "+4915100000000",
          language: "de",
          notBefore: clock.now(),
          notAfter: null,
        })),
      );
      const people = [];
      for (const i of [1, 2, 3, 4])
        people.push(await givenInvitation(s, { name: `Budget Person ${i}`, phone: MOBILE(900 + i) }));
      const statuses = await s.db.query<{ status: string }>(
        `SELECT status FROM waitlist_invitation WHERE id = ANY ($1::int[]) ORDER BY position`,
        [people.map((p) => p.invitationId)],
      );
      // Each givenInvitation is a run of its own: the first two are called, the next two go by letter.
      expect(people.map((p) => p.taskId !== null)).toEqual([true, true, false, false]);
      expect(statuses.map((r) => r.status).sort()).toEqual(["booked", "booked", "invited", "invited"]);
    } finally {
      await s.dispose();
    }
  });
});
