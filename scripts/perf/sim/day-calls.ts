// The phone side of the day simulation: the hotline's call flow in this process (every step, as
// the server runs them, without HTTP) and a dialler that takes the scheduler's due tasks
// (TaskSource, as the worker does), "rings" each, and answers it as the called person would:
// no answer (the product retries, then letters), or a person who passes the identity check
// with the right birth date and presses what the rates say.
import { createAfterBookingServices } from "../../../ivr/src/after-booking-services.ts";
import { EmulatedSms } from "../../../ivr/src/adapters/telephony/sms.ts";
import { CallFlow } from "../../../ivr/src/call-flow/machine.ts";
import { ALL_STEPS } from "../../../ivr/src/call-flow/steps/index.ts";
import type { CallState, StepName } from "../../../ivr/src/call-flow/types.ts";
import type { Language } from "../../../ivr/src/contracts/languages.ts";
import type { OutboundKind } from "../../../ivr/src/domain/outbound/outbound-kinds.ts";
import { TaskSource } from "../../../ivr/src/domain/outbound/task-source.ts";
import { createI18n } from "../../../ivr/src/i18n.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import type { Services } from "../../../ivr/src/services.ts";

export interface Answering {
  answered: number;
  cancel: number;
  accept: number;
}

/** The after-booking services and the call flow on them, as the server wires them. */
export async function hotlineInProcess(s: Services) {
  const i18n = await createI18n();
  const logger = createLogger("silent");
  const sms = new EmulatedSms(logger);
  const translate = (key: string, language: Language, params?: Record<string, string | number>) =>
    i18n.t(key, { ns: "voice", lng: language, ...(params ?? {}) });
  const after = createAfterBookingServices(
    s,
    { OUTBOUND_CALLING_HOURS: "09:00-19:00", HOTLINE_PHONE: "116 117" },
    sms,
    translate,
  );
  const flow = new CallFlow(ALL_STEPS, {
    ledger: s.ledger,
    clock: s.clock,
    settings: { minAge: 80, holdMusicUrl: "https://music.example/hold.mp3" },
    operations: s.settings,
    queue: s.queue,
    callbacks: s.callbacks,
    sms,
    contacts: s.contacts,
    codeLookups: s.codeLookups,
    translate,
    logger,
    afterBooking: { ...after, outbound: s.outbound },
  });
  return { after, flow, sms };
}

const ANSWER_STEP: Partial<Record<OutboundKind, StepName>> = {
  reminder: "reminder-answer",
  standby: "standby-answer",
  "supply-move": "supply-move-answer",
};

/** The birth date (DDMM) the called person types at the identity check. */
async function birthDigits(s: Services, kind: OutboundKind, subject: string): Promise<string> {
  const sql =
    kind === "standby"
      ? `SELECT to_char(birth_date, 'DDMM') AS ddmm FROM waitlist_entry WHERE id = $1`
      : kind === "reminder"
        ? `SELECT to_char(p.birth_date, 'DDMM') AS ddmm FROM booking b JOIN person p ON p.id = b.person_id WHERE b.id = $1`
        : `SELECT to_char(p.birth_date, 'DDMM') AS ddmm FROM supply_move_notice n JOIN booking b ON b.id = n.booking_id
             JOIN person p ON p.id = b.person_id WHERE n.id = $1`;
  const id = kind === "standby" ? subject.split(":")[1] : subject.split(":")[0];
  const [row] = await s.db.query<{ ddmm: string }>(sql, [Number(id)]);
  return row?.ddmm ?? "0000";
}

export class Dialler {
  readonly placed: Record<string, number> = {};
  readonly outcomes: Record<string, number> = {};
  private seq = 0;
  private readonly source: TaskSource;

  constructor(
    private readonly s: Services,
    private readonly flow: CallFlow,
    private readonly random: () => number,
    private readonly rates: Answering,
  ) {
    const urls = { answer: (id: number) => `https://hotline.sim/a?task=${id}`, status: "https://hotline.sim/s" };
    // No agents in the simulation: agent-bound calls (rebooking a missed first dose) wait.
    this.source = new TaskSource(s.outbound, urls, async () => false);
  }

  /** Dials up to `lines` due tasks, one after the other; answers how many were placed. */
  async round(lines: number): Promise<number> {
    let n = 0;
    for (; n < lines; n++) {
      const planned = await this.source.next("simulate-day");
      if (!planned) break;
      const sid = `CAsim${++this.seq}`;
      await planned.placed(sid);
      const [kind, ...rest] = planned.ref.split(":") as [OutboundKind, ...string[]];
      const subject = rest.join(":");
      this.placed[kind] = (this.placed[kind] ?? 0) + 1;
      if (this.random() >= this.rates.answered || !ANSWER_STEP[kind]) {
        this.count(`${kind}:no-answer`);
        await this.s.outbound.dialEnded(sid, "no-answer", 0);
        continue;
      }
      const task = await this.s.outbound.answered(sid, "human");
      await this.converse(kind, subject, task!.id, sid, planned.call.to);
      await this.s.outbound.dialEnded(sid, "completed", 90);
    }
    return n;
  }

  private count(key: string) {
    this.outcomes[key] = (this.outcomes[key] ?? 0) + 1;
  }

  private async converse(kind: OutboundKind, subject: string, taskId: number, sid: string, to: string) {
    const state: CallState = {
      ...this.flow.newState(sid, to),
      outboundTaskId: taskId,
      answeredBy: "human",
      from: null,
    };
    const press = (digits: string) => this.flow.handle(state, state.step, { digits, speech: null, recordingUrl: null });
    // Read through a function: the flow moves state.step, which the compiler cannot see.
    const at = (): StepName => state.step;
    await this.flow.enter(state, ANSWER_STEP[kind]!);
    if (at() !== "booking-identity") return this.count(`${kind}:no-identity-check`);
    await press(await birthDigits(this.s, kind, subject));
    const menu = at();
    if (kind === "reminder") {
      const cancel = this.random() < this.rates.cancel;
      if (menu !== "reminder-menu") return this.count(`${kind}:not-at-menu`);
      await press(cancel ? "2" : "1");
      return this.count(`${kind}:${cancel ? "cancel" : "confirm"}`);
    }
    if (kind === "standby") {
      // Doses already gone: the person heard so and the call ended.
      if (menu !== "standby-menu") return this.count(`${kind}:gone`);
      const accept = this.random() < this.rates.accept;
      await press(accept ? "1" : "2");
      return this.count(`${kind}:${accept ? "accept" : "decline"}`);
    }
    await press("1");
    this.count(`${kind}:accept`);
  }
}
