// Reminders the day before each appointment (first and second dose). A job, run by every
// process every few minutes in calling hours, finds tomorrow's appointments without a reminder
// and records one per booking and dose (the table's key: whoever inserts first owns it, so
// restarts and parallel processes never remind twice). Landlines get an automated call through
// the outbound scheduler; German mobile numbers an SMS with time and place, never the birth date.
import type { Clock } from "../ledger/ledger.ts";
import { inCallingHours, type CallingHours } from "../outbound/calling-hours.ts";
import type { OutboundCalls } from "../outbound/outbound-calls.ts";
import type { SmsSender } from "../telephony/sms-sender.ts";
import { isGermanMobile } from "../telephony/phone-number.ts";
import { addDays, berlinDate, berlinLocalToUtc } from "../time/berlin.ts";
import type { DueAppointment, ReminderStatus, ReminderStore } from "./reminder-store.ts";

/** How many appointments one run looks at; the next run (minutes later) takes the rest. */
const BATCH = 500;

export interface ReminderRunResult {
  calls: number;
  sms: number;
}

export class Reminders {
  constructor(
    private readonly store: ReminderStore,
    private readonly outbound: Pick<OutboundCalls, "enqueue">,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
    private readonly options: {
      callingHours: CallingHours;
      /** The SMS text (time, place, the hotline number to cancel or move), in the person's language. */
      smsText: (appointment: DueAppointment) => string;
    },
  ) {}

  /** One run: tomorrow's appointments get their reminder (only in calling hours: an SMS at 02:00 wakes people too). */
  async run(): Promise<ReminderRunResult> {
    const now = this.clock.now();
    const result = { calls: 0, sms: 0 };
    if (!inCallingHours(now, this.options.callingHours)) return result;
    const [y, m, d] = addDays(berlinDate(now), 1).split("-").map(Number) as [number, number, number];
    const from = berlinLocalToUtc(y, m, d);
    const [y2, m2, d2] = addDays(berlinDate(now), 2).split("-").map(Number) as [number, number, number];
    const to = berlinLocalToUtc(y2, m2, d2);
    // Recorded but never queued (the process died in between): queued again; the scheduler's
    // (kind, subject) key keeps a task queued already from being queued twice.
    await this.outbound.enqueue(
      (await this.store.plannedCalls(from, to, BATCH)).map((a) => this.callTask(a, now, from)),
    );
    for (;;) {
      const due = await this.store.dueAppointments(from, to, BATCH);
      if (due.length === 0) return result;
      const mine = await this.store.insert(
        due.map((a) => ({
          bookingId: a.bookingId,
          dose: a.dose,
          appointmentAt: a.startsAt,
          channel: isGermanMobile(a.phone) ? "sms" : "call",
        })),
        now,
      );
      const owned = new Set(mine.map((r) => `${r.bookingId}:${r.dose}`));
      const calls = due.filter((a) => owned.has(reminderSubject(a)) && !isGermanMobile(a.phone));
      // A reminder call after the appointment's day began is pointless: the task expires then (callTask).
      await this.outbound.enqueue(calls.map((a) => this.callTask(a, now, from)));
      result.calls += calls.length;
      for (const a of due.filter((x) => owned.has(reminderSubject(x)) && isGermanMobile(x.phone))) {
        await this.sms.send(a.phone, this.options.smsText(a));
        await this.store.setStatus(a.bookingId, a.dose, "sent", now);
        result.sms++;
      }
      if (due.length < BATCH) return result;
    }
  }

  private callTask(a: DueAppointment, now: Date, dayStart: Date) {
    return {
      kind: "reminder" as const,
      subjectId: reminderSubject(a),
      phone: a.phone,
      language: a.language,
      notBefore: now,
      notAfter: dayStart,
    };
  }

  /** What the person answered on the reminder call (or that it never reached them). */
  record(bookingId: number, dose: number, status: ReminderStatus): Promise<void> {
    return this.store.setStatus(bookingId, dose, status, this.clock.now());
  }

  find(bookingId: number, dose: number) {
    return this.store.find(bookingId, dose);
  }
}

/** The outbound task's subject: one reminder call per booking and dose. */
export function reminderSubject(a: { bookingId: number; dose: number }): string {
  return `${a.bookingId}:${a.dose}`;
}

export function parseReminderSubject(subject: string): { bookingId: number; dose: 1 | 2 } | null {
  const match = /^(\d+):([12])$/.exec(subject);
  return match ? { bookingId: Number(match[1]), dose: Number(match[2]) as 1 | 2 } : null;
}
