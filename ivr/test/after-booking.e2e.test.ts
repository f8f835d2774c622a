// After the booking (issue 18), on both databases: the reminder the day before (a call with
// 1 ich komme, 2 absagen, 3 verschieben, or an SMS to a mobile), created once per appointment
// whatever restarts or runs beside it; the standby list's waves, acceptances, late accepters
// and the race for the last dose; and the rebooking call of a missed first dose at an agent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlCentreDayStore } from "../src/adapters/db/sql-centre-day-store.ts";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { createAfterBookingServices, type AfterBookingServices } from "../src/after-booking-services.ts";
import type { CallState } from "../src/call-flow/types.ts";
import type { Language } from "../src/contracts/languages.ts";
import { CentreDay } from "../src/domain/centre-day/centre-day.ts";
import type { OutboundKind } from "../src/domain/outbound/outbound-kinds.ts";
import { TaskSource } from "../src/domain/outbound/task-source.ts";
import { addDays, berlinDate } from "../src/domain/time/berlin.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { createI18n } from "../src/i18n.ts";
import { FakeClock } from "./support/clock.ts";
import { createFlowHarness, type FlowHarness } from "./support/flow-harness.ts";
import { givenMoveNotice } from "./support/move-notice.ts";
import { centreOf, givenCentre, person } from "./support/scenario.ts";
import { DB_KINDS } from "./support/test-services.ts";

const MORNING = "2021-01-25T10:00:00+01:00";
const LANDLINE = "+4952410000001";
const MOBILE = "+4915112345678";

describe.each(DB_KINDS)("after the booking on %s", (kind) => {
  const clock = new FakeClock(MORNING);
  let h: FlowHarness;
  let after: AfterBookingServices;
  let waitlist: Waitlist;
  let centreId: number;

  beforeAll(async () => {
    h = await createFlowHarness(kind, clock);
    const i18n = await createI18n();
    const translate = (key: string, language: Language, params?: Record<string, string | number>) =>
      i18n.t(key, { ns: "voice", lng: language, ...(params ?? {}) });
    after = createAfterBookingServices(
      h.s,
      { OUTBOUND_CALLING_HOURS: "09:00-19:00", HOTLINE_PHONE: "116 117" },
      h.sms,
      translate,
    );
    waitlist = new Waitlist(new SqlWaitlistStore(h.s.db), h.s.geography, clock, { minAge: 80 });
    centreId = centreOf(h.s, "Kreis Gütersloh").id;
  });
  afterAll(() => h?.dispose());

  beforeEach(async () => {
    clock.set(MORNING);
    for (const table of [
      "supply_move_notice",
      "supply_drop",
      "standby_call",
      "standby_offer",
      "reminder",
      "outbound_call",
      "attendance",
      "rebook_call",
      "booking_event",
      "waitlist_duplicate",
      "waitlist_invitation",
      "waitlist_entry",
      "letter_item",
      "booking",
      "hold",
    ]) {
      await h.s.db.query(`DELETE FROM ${table}`);
    }
    await h.s.db.query(`UPDATE slot SET booked = 0, held = 0`);
    h.sms.outbox.length = 0;
  });

  const tomorrow = () => addDays(berlinDate(clock.now()), 1);
  const book = async (n: number, phone: string, day = tomorrow()) => {
    const [pair] = await h.s.ledger.freePairs(centreId, { after: new Date(`${day}T00:00:00+01:00`), limit: 1 });
    return h.s.ledger.book({ firstSlotId: pair!.firstSlotId, person: person(n, { phone }), channel: "agent" });
  };
  const taskOf = async (kind: OutboundKind, subjectId: string) => {
    const [row] = await h.s.db.query<{ id: number; status: string }>(
      `SELECT id, status FROM outbound_call WHERE kind = $1 AND subject_id = $2`,
      [kind, subjectId],
    );
    return row;
  };
  const answered = (taskId: number, by: "human" | "machine" = "human"): CallState =>
    h.state({ outboundTaskId: taskId, answeredBy: by, from: null });
  /** Answers the call as a person: the identity check, then the birth date's day and month. */
  const identified = async (
    state: CallState,
    answerStep: "reminder-answer" | "standby-answer" | "supply-move-answer",
    ddmm: string,
  ) => {
    const asked = await h.enter(state, answerStep);
    expect(asked.at).toBe("booking-identity");
    expect(asked.text).toContain("Die Hotline fragt nie nach Geld oder Bankdaten");
    return h.answer(state, { digits: ddmm });
  };
  const reminderStatus = async (bookingId: number) =>
    (
      await h.s.db.query<{ status: string }>(`SELECT status FROM reminder WHERE booking_id = $1 AND dose = 1`, [
        bookingId,
      ])
    )[0]?.status;

  describe("reminders", () => {
    beforeAll(async () => {
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(6, { day: "2021-01-26" });
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(6, { day: "2021-01-28" });
    });

    it("when two processes run the reminder job at once and it runs again after a restart, then each appointment has one reminder: a call for the landline, an SMS for the mobile", async () => {
      const landline = await book(1, LANDLINE);
      const mobile = await book(2, MOBILE);
      const runs = await Promise.all([after.reminders.run(), after.reminders.run()]);
      expect(runs.reduce((n, r) => n + r.calls, 0)).toBe(1);
      expect(runs.reduce((n, r) => n + r.sms, 0)).toBe(1);
      expect(await after.reminders.run()).toEqual({ calls: 0, sms: 0 });
      const tasks = await h.s.db.query<{ subject_id: string }>(
        `SELECT subject_id FROM outbound_call WHERE kind = 'reminder'`,
      );
      expect(tasks.map((t) => t.subject_id)).toEqual([`${landline.bookingId}:1`]);
      expect(h.sms.outbox).toHaveLength(1);
      expect(h.sms.outbox[0]!.to).toBe(MOBILE);
      expect(await reminderStatus(mobile.bookingId)).toBe("sent");
    });

    it("when a process died after recording a reminder and before queueing its call, then the next run queues it, once", async () => {
      const landline = await book(10, LANDLINE);
      await after.reminders.run();
      // The crash, replayed: the reminder is recorded, its task is gone.
      await h.s.db.query(`DELETE FROM outbound_call WHERE kind = 'reminder'`);
      await Promise.all([after.reminders.run(), after.reminders.run()]);
      const tasks = await h.s.db.query<{ subject_id: string }>(
        `SELECT subject_id FROM outbound_call WHERE kind = 'reminder'`,
      );
      expect(tasks.map((t) => t.subject_id)).toEqual([`${landline.bookingId}:1`]);
    });

    it("when a mobile gets its reminder SMS, then it names time, place and the hotline's number, never the birth date or the code", async () => {
      const mobile = await book(3, MOBILE);
      await after.reminders.run();
      const text = h.sms.outbox[0]!.body;
      expect(text).toContain("10:00");
      expect(text).toContain("Gütersloh");
      expect(text).toContain("Absagen oder verschieben: 116 117");
      expect(text).not.toMatch(/1938|03\.03\./);
      expect(text).not.toContain(mobile.code);
    });

    it("when the job runs at 07:00, then nobody is reminded before calling hours", async () => {
      await book(4, LANDLINE);
      clock.set("2021-01-25T07:00:00+01:00");
      expect(await after.reminders.run()).toEqual({ calls: 0, sms: 0 });
    });

    it("when the person answers the reminder call and presses 1, then the appointment is confirmed", async () => {
      const booked = await book(5, LANDLINE);
      await after.reminders.run();
      const task = await taskOf("reminder", `${booked.bookingId}:1`);
      const state = answered(task!.id);
      const heard = await identified(state, "reminder-answer", "0303");
      expect(heard.at).toBe("reminder-menu");
      expect(heard.text).toContain("Dienstag, dem 26. Januar, um 10 Uhr");
      expect(heard.text).toContain("Personalausweis");
      expect(heard.text).toContain(
        "Wenn Sie kommen, drücken Sie die 1. Zum Absagen drücken Sie die 2. Zum Verschieben drücken Sie die 3.",
      );
      const end = await h.answer(state, { digits: "1" });
      expect(end.text).toContain("Wir freuen uns auf Sie");
      expect(await reminderStatus(booked.bookingId)).toBe("confirmed");
      expect((await h.s.ledger.findBookingById(booked.bookingId))!.status).toBe("active");
    });

    it("when the person presses 2, then the booking is cancelled, its pair is free at once and offered to the waiting list today", async () => {
      const booked = await book(6, LANDLINE);
      const entry = await waitingEntry(1);
      await after.reminders.run();
      const task = await taskOf("reminder", `${booked.bookingId}:1`);
      const state = answered(task!.id);
      await identified(state, "reminder-answer", "0303");
      const end = await h.answer(state, { digits: "2" });
      expect(end.text).toContain("Ihr Termin ist abgesagt");
      const booking = (await h.s.ledger.findBookingById(booked.bookingId))!;
      expect(booking.status).toBe("cancelled");
      const [slot] = await h.s.db.query<{ booked: number }>(`SELECT booked FROM slot WHERE id = $1`, [
        booking.firstSlotId,
      ]);
      expect(slot!.booked).toBe(0);
      const [offer] = await h.s.db.query<{ id: number; first_slot_id: number; doses: number }>(
        `SELECT id, first_slot_id, doses FROM standby_offer`,
      );
      expect(offer).toMatchObject({ first_slot_id: booking.firstSlotId, doses: 1 });
      expect(await taskOf("standby", `${offer!.id}:${entry}`)).toBeDefined();
      expect(await reminderStatus(booked.bookingId)).toBe("cancelled");
    });

    it("when the person presses 3, then the phone menu offers the next pair and the moved booking keeps its code", async () => {
      const booked = await book(7, LANDLINE);
      await after.reminders.run();
      const task = await taskOf("reminder", `${booked.bookingId}:1`);
      const state = answered(task!.id);
      await identified(state, "reminder-answer", "0303");
      const offer = await h.answer(state, { digits: "3" });
      expect(offer.at).toBe("offer");
      const confirm = await h.answer(state, { digits: "1" });
      expect(confirm.at).toBe("confirm");
      await h.answer(state, { digits: "1" });
      const moved = (await h.s.ledger.findBookingById(booked.bookingId))!;
      expect(moved.code).toBe(booked.code);
      expect(moved.status).toBe("active");
      expect(berlinDate(moved.firstStartsAt) > tomorrow()).toBe(true);
      expect(await reminderStatus(booked.bookingId)).toBe("moved");
    });

    it("when a Turkish-speaking caller booked by phone, then the reminder call the day before speaks Turkish", async () => {
      const centre = centreOf(h.s, "Kreis Gütersloh");
      // The phone menu in Turkish: a pair is offered, held and booked with the caller's number.
      const call = h.state({
        language: "tr",
        birthYear: 1938,
        birthDate: "1938-03-03",
        postcode: "33330",
        centreId: centre.id,
        districtId: centre.districtId,
        nameRecordingUrl: "https://r.example/tr",
      });
      await h.enter(call, "offer");
      expect(call.held).toBeDefined();
      call.step = "confirm";
      await h.answer(call, { digits: "1" });
      expect(call.bookings).toHaveLength(1);
      const [row] = await h.s.db.query<{ id: number; language: string | null }>(
        `SELECT b.id, p.language FROM booking b JOIN person p ON p.id = b.person_id WHERE b.status = 'active'`,
      );
      expect(row!.language).toBe("tr");

      await after.reminders.run();
      const [task] = await h.s.db.query<{ id: number; language: string }>(
        `SELECT id, language FROM outbound_call WHERE kind = 'reminder' AND subject_id = $1`,
        [`${row!.id}:1`],
      );
      expect(task!.language).toBe("tr");
      // The voice route speaks the task's language (voice-routes.ts); the identity check is heard in Turkish.
      const state = h.state({ outboundTaskId: task!.id, answeredBy: "human", from: null, language: "tr" });
      const heard = await h.enter(state, "reminder-answer");
      expect(heard.at).toBe("booking-identity");
      const i18n = await createI18n();
      expect(heard.text).toContain(i18n.t("outbound.no_money", { ns: "voice", lng: "tr" }));
      expect(heard.text).not.toContain("Die Hotline fragt nie nach Geld oder Bankdaten");
    });

    it("when an answering machine picks up, then it hears the hotline's number and nothing personal", async () => {
      const booked = await book(8, LANDLINE);
      await after.reminders.run();
      const task = await taskOf("reminder", `${booked.bookingId}:1`);
      const heard = await h.enter(answered(task!.id, "machine"), "reminder-answer");
      expect(heard.text).toContain("1 1 6, 1 1 7");
      expect(heard.text).not.toMatch(/10 Uhr|Gütersloh|Impfung ist|Januar/);
      expect(heard.outcome.hangup).toBe(true);
    });

    it("when the person types a wrong birth date twice, then nothing personal is said and the call ends kindly", async () => {
      const booked = await book(9, LANDLINE);
      await after.reminders.run();
      const task = await taskOf("reminder", `${booked.bookingId}:1`);
      const state = answered(task!.id);
      await h.enter(state, "reminder-answer");
      const wrong = await h.answer(state, { digits: "0101" });
      expect(wrong.text).toContain("Das passt leider nicht");
      const end = await h.answer(state, { digits: "0202" });
      expect(end.text).toContain("Zu Ihrem Schutz nenne ich keine Angaben");
      expect(end.text).not.toMatch(/10 Uhr|Gütersloh|Januar/);
      expect(await reminderStatus(booked.bookingId)).toBe("planned");
    });
  });

  /** A waiting entry in the centre's district who opted in for short notice; answers its id. */
  async function waitingEntry(n: number, over: { shortNotice?: boolean } = {}) {
    const { entry } = await waitlist.register(
      {
        name: `Wartende Person ${String.fromCharCode(65 + n)}${String.fromCharCode(75 + n)}`,
        birthDate: `1931-0${1 + (n % 9)}-${String(10 + n).padStart(2, "0")}`,
        postcode: "33330",
        phone: `+49524120${String(n).padStart(4, "0")}`,
        consentCalls: true,
      },
      "agent",
      "agent:test",
    );
    await h.s.db.query(`UPDATE waitlist_entry SET short_notice = $2 WHERE id = $1`, [
      entry.id,
      over.shortNotice ?? true,
    ]);
    return entry.id;
  }

  describe("the standby list", () => {
    beforeAll(async () => {
      // Today's appointments at the centre, from 10:00; the doses left are beyond them.
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(4, { day: "2021-01-25" });
    });

    const standbyTasks = async () =>
      (
        await h.s.db.query<{ subject_id: string; status: string }>(
          `SELECT subject_id, status FROM outbound_call WHERE kind = 'standby' ORDER BY id`,
        )
      ).map((r) => ({ entryId: Number(r.subject_id.split(":")[1]), status: r.status, subject: r.subject_id }));

    const accept = async (subject: string) => {
      const task = await taskOf("standby", subject);
      const [born] = await h.s.db.query<{ ddmm: string }>(
        `SELECT to_char(birth_date, 'DDMM') AS ddmm FROM waitlist_entry WHERE id = $1`,
        [Number(subject.split(":")[1])],
      );
      const state = answered(task!.id);
      const offer = await identified(state, "standby-answer", born!.ddmm);
      if (offer.at !== "standby-menu") return offer;
      return h.answer(state, { digits: "1" });
    };

    it("when 2 doses are left and nothing is measured yet, then 4 people are called (50 %), by priority and lottery, only those opted in", async () => {
      for (let n = 1; n <= 8; n++) await waitingEntry(n);
      const notOptedIn = await waitingEntry(9, { shortNotice: false });
      const offer = await after.standby.offerLeftovers(centreId, 2, "12:00", "centre:1");
      const tasks = await standbyTasks();
      expect(tasks).toHaveLength(4);
      expect(tasks.map((t) => t.entryId)).not.toContain(notOptedIn);
      // The next wave waits while the four calls are out.
      await after.standby.tick();
      expect(await standbyTasks()).toHaveLength(4);
      // Two were not reached: two more are called for the two doses still left.
      for (const t of tasks.slice(0, 2)) await after.standby.unreached(offer.id, t.entryId);
      await h.s.db.query(`UPDATE outbound_call SET status = 'gave-up' WHERE subject_id = ANY ($1::text[])`, [
        tasks.slice(0, 2).map((t) => t.subject),
      ]);
      await after.standby.tick();
      expect(await standbyTasks()).toHaveLength(6);
    });

    it("when the first two accept, then they are booked today with a second dose at the interval; the third hears the truth and stays on the list", async () => {
      for (let n = 1; n <= 6; n++) await waitingEntry(n);
      const offer = await after.standby.offerLeftovers(centreId, 2, "12:00", "centre:1");
      const [a, b, c] = await standbyTasks();
      const first = await accept(a!.subject);
      expect(first.text).toContain("Die Impfung ist für Sie reserviert");
      await accept(b!.subject);
      const late = await accept(c!.subject);
      expect(late.text).toContain("Die Dosen sind bereits vergeben. Sie bleiben auf der Warteliste.");

      const bookings = await h.s.db.query<{ first_day: string; second_day: string }>(
        `SELECT to_char(f.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS first_day,
                to_char(s.starts_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS second_day
           FROM standby_call c JOIN booking b ON b.id = c.booking_id
           JOIN slot f ON f.id = b.first_slot_id JOIN slot s ON s.id = b.second_slot_id
          WHERE c.offer_id = $1 AND c.status = 'accepted'`,
        [offer.id],
      );
      expect(bookings).toEqual([
        { first_day: "2021-01-25", second_day: "2021-02-15" },
        { first_day: "2021-01-25", second_day: "2021-02-15" },
      ]);
      const statuses = await h.s.db.query<{ id: number; status: string }>(
        `SELECT id, status FROM waitlist_entry WHERE id = ANY ($1::int[]) ORDER BY id`,
        [[a!.entryId, c!.entryId]],
      );
      expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
        [a!.entryId]: "booked",
        [c!.entryId]: "waiting",
      });
      // Gone: the offer is closed, the calls not yet placed are withdrawn, nothing is wasted.
      const closed = (await after.standby.find(offer.id))!;
      expect(closed).toMatchObject({ status: "closed", used: 2 });
      // (The accepters' own calls were answered here without the scheduler, so theirs stay as they were.)
      const notYetAnswered = (await standbyTasks()).filter((t) => t.entryId !== a!.entryId && t.entryId !== b!.entryId);
      expect(notYetAnswered.map((t) => t.status)).toEqual(["cancelled", "cancelled"]);
      expect(await wasted()).toBe(0);
      const report = await new CentreDay(new SqlCentreDayStore(h.s.db), h.s.geography).report(centreId, "2021-01-25");
      expect(report.standbyDosesUsed).toBe(2);
    });

    it("when a Russian-speaking person on the waiting list takes a left-over dose, then the reminder of the second dose is in Russian", async () => {
      const entry = await waitingEntry(1);
      await h.s.db.query(`UPDATE waitlist_entry SET language = 'ru' WHERE id = $1`, [entry]);
      const offer = await after.standby.offerLeftovers(centreId, 1, "12:00", "centre:1");
      const won = await after.standby.accept(offer.id, entry);
      expect(won.won).toBe(true);
      // The second dose is on 15 February: reminded the day before.
      clock.set("2021-02-14T10:00:00+01:00");
      await after.reminders.run();
      const [task] = await h.s.db.query<{ language: string }>(
        `SELECT language FROM outbound_call WHERE kind = 'reminder' AND subject_id = $1`,
        [`${won.won ? won.booking.bookingId : 0}:2`],
      );
      expect(task?.language).toBe("ru");
    });

    it("when two people accept the last dose at the same moment, then exactly one gets it", async () => {
      const x = await waitingEntry(1);
      const y = await waitingEntry(2);
      const offer = await after.standby.offerLeftovers(centreId, 1, "12:00", "centre:1");
      const results = await Promise.all([after.standby.accept(offer.id, x), after.standby.accept(offer.id, y)]);
      expect(results.filter((r) => r.won)).toHaveLength(1);
      expect((await after.standby.find(offer.id))!.used).toBe(1);
      const [count] = await h.s.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM standby_call WHERE offer_id = $1 AND booking_id IS NOT NULL`,
        [offer.id],
      );
      expect(count!.n).toBe(1);
    });

    it("when the time is up with doses left, then the offer closes and the rest count as wasted in the daily report", async () => {
      await waitingEntry(1);
      const offer = await after.standby.offerLeftovers(centreId, 3, "11:00", "centre:1");
      clock.set("2021-01-25T11:00:00+01:00");
      await after.standby.tick();
      expect((await after.standby.find(offer.id))!.status).toBe("closed");
      expect(await wasted()).toBe(3);
      const today = await after.standby.today(centreId);
      expect(today[0]).toMatchObject({ doses: 3, used: 0, status: "closed" });
    });

    describe("one retry of an unanswered call", () => {
      const urls = { answer: (id: number) => `https://hotline.test/a?task=${id}`, status: "https://hotline.test/s" };
      let sids = 0;
      /** The scheduler's next due call, dialled; answers its subject, or null when none is due. */
      const dialNext = async (source: TaskSource) => {
        const planned = await source.next("w1");
        if (!planned) return null;
        const sid = `CAstandby${++sids}`;
        await planned.placed(sid);
        return { subject: planned.ref.replace(/^standby:/, ""), sid };
      };
      const noAnswer = (sid: string) => h.s.outbound.dialEnded(sid, "no-answer", 0);
      const callStatus = async (subject: string) =>
        (
          await h.s.db.query<{ status: string }>(
            `SELECT status FROM standby_call WHERE offer_id = $1 AND entry_id = $2`,
            [Number(subject.split(":")[0]), Number(subject.split(":")[1])],
          )
        )[0]?.status;

      it("when nobody answers and the offer still runs, then each is called once more 30 minutes later, nobody else meanwhile; a retry that is answered gets the dose and the other retry is withdrawn", async () => {
        for (let n = 1; n <= 6; n++) await waitingEntry(n);
        const offer = await after.standby.offerLeftovers(centreId, 1, "12:00", "centre:1");
        const source = new TaskSource(h.s.outbound, urls, async () => false);
        const a = (await dialNext(source))!;
        const b = (await dialNext(source))!;
        await noAnswer(a.sid);
        await noAnswer(b.sid);
        expect((await standbyTasks()).map((t) => t.status)).toEqual(["pending", "pending"]);
        // The pending retries count as calls out: the next wave calls nobody new for the dose.
        await after.standby.tick();
        expect(await standbyTasks()).toHaveLength(2);
        clock.advance(29);
        expect(await dialNext(source)).toBeNull();
        clock.advance(1);
        await after.standby.tick();
        expect(await standbyTasks()).toHaveLength(2);

        const again = (await dialNext(source))!;
        expect(again.subject).toBe(a.subject);
        const task = await h.s.outbound.answered(again.sid, "human");
        const [born] = await h.s.db.query<{ ddmm: string }>(
          `SELECT to_char(birth_date, 'DDMM') AS ddmm FROM waitlist_entry WHERE id = $1`,
          [Number(a.subject.split(":")[1])],
        );
        const state = answered(task!.id);
        expect((await identified(state, "standby-answer", born!.ddmm)).at).toBe("standby-menu");
        expect((await h.answer(state, { digits: "1" })).text).toContain("Die Impfung ist für Sie reserviert");
        await h.s.outbound.dialEnded(again.sid, "completed", 90);

        expect((await after.standby.find(offer.id))!).toMatchObject({ status: "closed", used: 1 });
        expect(await callStatus(a.subject)).toBe("accepted");
        // The dose is gone: b's retry, due now too, is withdrawn and never dialled.
        expect((await taskOf("standby", b.subject))!.status).toBe("cancelled");
        expect(await dialNext(source)).toBeNull();
      });

      it("when the doses are gone before a retry is due, then the retry is withdrawn and nobody is called again", async () => {
        for (let n = 1; n <= 6; n++) await waitingEntry(n);
        const offer = await after.standby.offerLeftovers(centreId, 1, "12:00", "centre:1");
        const source = new TaskSource(h.s.outbound, urls, async () => false);
        const a = (await dialNext(source))!;
        await noAnswer(a.sid);
        expect((await taskOf("standby", a.subject))!.status).toBe("pending");
        // The other person called takes the dose before a's retry is due.
        const [, other] = await standbyTasks();
        expect((await after.standby.accept(offer.id, other!.entryId)).won).toBe(true);
        expect((await taskOf("standby", a.subject))!.status).toBe("cancelled");
        clock.advance(2 * 60);
        await after.standby.tick();
        expect(await dialNext(source)).toBeNull();
        const [dialled] = await h.s.db.query<{ attempts: number }>(
          `SELECT attempts FROM outbound_call WHERE kind = 'standby' AND subject_id = $1`,
          [a.subject],
        );
        expect(dialled?.attempts).toBe(1);
        expect(await standbyTasks()).toHaveLength(2);
      });

      it("when a retry would come at or after usable-until, then there is none: the person counts as unreached and the next wave calls others while there is time", async () => {
        for (let n = 1; n <= 6; n++) await waitingEntry(n);
        // 10:00 now, usable until 10:20: a retry 30 minutes later would be too late.
        const offer = await after.standby.offerLeftovers(centreId, 1, "10:20", "centre:1");
        const source = new TaskSource(h.s.outbound, urls, async () => false);
        const a = (await dialNext(source))!;
        const b = (await dialNext(source))!;
        await noAnswer(a.sid);
        await noAnswer(b.sid);
        expect((await standbyTasks()).map((t) => t.status)).toEqual(["gave-up", "gave-up"]);
        expect([await callStatus(a.subject), await callStatus(b.subject)]).toEqual(["unreached", "unreached"]);
        await after.standby.tick();
        const tasks = await standbyTasks();
        expect(tasks).toHaveLength(4);
        expect(tasks.slice(2).map((t) => t.entryId)).not.toContain(Number(a.subject.split(":")[1]));
        // Time up: the offer closes, the calls not placed are withdrawn, nobody is retried.
        clock.set("2021-01-25T10:20:00+01:00");
        await after.standby.tick();
        expect((await after.standby.find(offer.id))!.status).toBe("closed");
        expect(await dialNext(source)).toBeNull();
      });
    });

    const wasted = async () =>
      Number(
        (
          await h.s.db.query<{ doses_wasted: number }>(
            `SELECT doses_wasted FROM centre_day_report WHERE centre_id = $1 AND day = '2021-01-25'`,
            [centreId],
          )
        )[0]?.doses_wasted ?? 0,
      );
  });

  describe("retention", () => {
    // The retention run passes "now minus the rule's days" (retention.ts); here that moment directly.
    it("when the cut-off passes the appointment, its reminder is deleted; when it passes a standby offer, the offer and its calls", async () => {
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(1, { day: "2021-01-26" });
      const booked = await book(40, LANDLINE);
      await after.reminders.run();
      await waitingEntry(1);
      await after.standby.offerLeftovers(centreId, 1, "12:00", "centre:1");
      const store = new SqlPrivacyStore(h.s.db);
      const count = async (table: string) =>
        Number((await h.s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
      expect(await store.deleteRemindersBefore(new Date("2021-01-26T00:00:00+01:00"))).toBe(0);
      expect(await store.deleteRemindersBefore(new Date("2021-01-27T00:00:00+01:00"))).toBe(1);
      expect(await count("reminder")).toBe(0);
      expect(await store.deleteStandbyOffersBefore(new Date("2021-01-25T00:00:00+01:00"))).toBe(0);
      expect(await store.deleteStandbyOffersBefore(new Date("2021-01-26T00:00:00+01:00"))).toBe(1);
      expect([await count("standby_offer"), await count("standby_call")]).toEqual([0, 0]);
      expect((await h.s.ledger.findBookingById(booked.bookingId))!.status).toBe("active");
    });
  });

  describe("supply-move calls", () => {
    beforeAll(async () => {
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(3, { day: "2021-02-01" });
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(3, { day: "2021-02-03" });
    });

    const noticeStatus = async (id: number) =>
      (await h.s.db.query<{ status: string }>(`SELECT status FROM supply_move_notice WHERE id = $1`, [id]))[0]!.status;

    it("when a moved person answers and presses 1, then the new dates stand; pressing 2 offers another pair with the same code", async () => {
      const first = await book(30, LANDLINE, "2021-02-01");
      const second = await book(31, "+4952410000002", "2021-02-01");
      const n1 = await givenMoveNotice(h.s, first.bookingId, LANDLINE);
      const n2 = await givenMoveNotice(h.s, second.bookingId, "+4952410000002");
      expect(await after.moveNotices.run()).toBe(2);
      expect(await after.moveNotices.run()).toBe(0);

      const s1 = answered((await taskOf("supply-move", String(n1)))!.id);
      const heard = await identified(s1, "supply-move-answer", "0303");
      expect(heard.text).toContain("Ihr Buchungscode bleibt derselbe");
      expect(heard.text).toContain("Zum Annehmen drücken Sie die 1");
      await h.answer(s1, { digits: "1" });
      expect(await noticeStatus(n1)).toBe("accepted");

      const s2 = answered((await taskOf("supply-move", String(n2)))!.id);
      await identified(s2, "supply-move-answer", "0303");
      expect((await h.answer(s2, { digits: "2" })).at).toBe("offer");
      await h.answer(s2, { digits: "2" });
      expect((await h.answer(s2, { digits: "1" })).at).toBe("confirm");
      await h.answer(s2, { digits: "1" });
      const moved = (await h.s.ledger.findBookingById(second.bookingId))!;
      expect(moved.code).toBe(second.code);
      expect(moved.firstSlotId).not.toBe((await h.s.ledger.findBookingById(first.bookingId))!.firstSlotId);
      expect(moved.status).toBe("active");
      expect(await noticeStatus(n2)).toBe("changed");
    });

    it("when nobody answers any of the three attempts, then the 'moved' letter goes instead", async () => {
      const booked = await book(32, LANDLINE, "2021-02-01");
      const notice = await givenMoveNotice(h.s, booked.bookingId, LANDLINE);
      await after.moveNotices.run();
      const urls = { answer: (id: number) => `https://hotline.test/a?task=${id}`, status: "https://hotline.test/s" };
      const source = new TaskSource(h.s.outbound, urls, async () => false);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const planned = await source.next("w1");
        expect(planned?.ref).toBe(`supply-move:${notice}`);
        await planned!.placed(`CAmove${attempt}`);
        await h.s.outbound.dialEnded(`CAmove${attempt}`, "no-answer", 0);
        clock.advance(25 * 60);
      }
      expect(await noticeStatus(notice)).toBe("letter");
      const letters = await h.s.db.query<{ kind: string }>(`SELECT kind FROM letter_item WHERE booking_id = $1`, [
        booked.bookingId,
      ]);
      expect(letters.map((l) => l.kind)).toEqual(["moved"]);
    });
  });

  describe("rebooking calls", () => {
    beforeAll(async () => {
      await givenCentre(h.s, "Kreis Gütersloh").withFreePairs(2, { day: "2021-01-25" });
    });

    it("when a first dose is marked no-show, then a rebook task is dialled only while an agent is free, and the agent sees the missed booking", async () => {
      const booked = await book(20, LANDLINE, "2021-01-25");
      const centreDay = new CentreDay(new SqlCentreDayStore(h.s.db), h.s.geography);
      await centreDay.mark(centreId, booked.bookingId, 1, "no-show", "centre:1", clock.now());
      expect(await after.rebookCalls.run()).toBe(1);
      expect(await after.rebookCalls.run()).toBe(0);
      const urls = { answer: (id: number) => `https://hotline.test/a?task=${id}`, status: "https://hotline.test/s" };
      expect(await new TaskSource(h.s.outbound, urls, async () => false).next("w1")).toBeNull();
      const planned = await new TaskSource(h.s.outbound, urls, async () => true).next("w1");
      expect(planned?.ref).toBe(`rebook:${booked.bookingId}`);
      expect(planned?.call.machineDetection).toBeUndefined();
      const task = await taskOf("rebook", String(booked.bookingId));
      const state = answered(task!.id);
      const heard = await h.enter(state, "rebook-answer");
      expect(heard.outcome.enqueue).toBeDefined();
      const queued = await h.s.db.prisma.queuedCall.findUnique({ where: { callSid: state.callSid } });
      expect(queued?.context).toMatchObject({ reason: "first-dose-missed", missedBooking: { code: booked.code } });
    });
  });
});
