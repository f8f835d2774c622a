// The phone side of the day simulation: the hotline as the server runs it (its HTTP app on a
// local port, on this process's services and the script's clock), and a dialler that takes the
// scheduler's due tasks (TaskSource, as the worker does), "rings" each, and has the call
// emulator play Twilio's part: no answer (the status callback says so; the product retries,
// then letters), or a person who picks up, passes the identity check with the right birth date
// and presses what the rates say, every step a signed webhook and the TwiML it answers.
import type { AddressInfo } from "node:net";
import type { EmulatedSms } from "../../../ivr/src/adapters/telephony/sms.ts";
import { loadConfig } from "../../../ivr/src/config.ts";
import type { OutboundKind } from "../../../ivr/src/domain/outbound/outbound-kinds.ts";
import { TaskSource } from "../../../ivr/src/domain/outbound/task-source.ts";
import { createHotline } from "../../../ivr/src/hotline-app.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import type { Services } from "../../../ivr/src/services.ts";
import { createHttpServer } from "../../../ivr/src/transport/http/http-server.ts";
import { answeredCallOptions } from "../../phone/answer-phone.ts";
import { CallEmulator } from "../../phone/call-emulator.ts";
import type { CallerInput, CallerPrompt } from "../../phone/caller-input.ts";
import { WebhookClient } from "../../phone/webhook-client.ts";
import { AUTH_TOKEN } from "../harness/hotline.ts";

export interface Answering {
  answered: number;
  cancel: number;
  accept: number;
}

/** The number the hotline calls from. */
const CALLER_ID = "+49800116117";

/** The hotline's HTTP app on a free local port, on these services (and so on their clock). */
export async function hotlineOverHttp(s: Services) {
  const config = loadConfig({
    LOG_LEVEL: "silent",
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    HOTLINE_PHONE: "116 117",
    OUTBOUND_CALLING_HOURS: "09:00-19:00",
  });
  const hotline = await createHotline(s, config, createLogger("silent"));
  const server = createHttpServer(hotline.handle, config.REQUEST_TIMEOUT_SECONDS);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hotline.setPublicBaseUrl(baseUrl);
  return {
    after: hotline.afterBooking,
    sms: hotline.sms as EmulatedSms,
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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

/** The kinds a person answers in the simulation (no agents: rebooking calls wait for one). */
const ANSWERED: ReadonlySet<OutboundKind> = new Set(["reminder", "standby", "supply-move"]);

export class Dialler {
  readonly placed: Record<string, number> = {};
  readonly outcomes: Record<string, number> = {};
  private seq = 0;
  private readonly source: TaskSource;
  private readonly webhooks: WebhookClient;

  constructor(
    private readonly s: Services,
    private readonly baseUrl: string,
    private readonly random: () => number,
    private readonly rates: Answering,
  ) {
    const urls = {
      answer: (id: number) => `${baseUrl}/voice/outbound/answer?task=${id}`,
      status: `${baseUrl}/voice/outbound/status`,
      amd: `${baseUrl}/voice/outbound/amd`,
    };
    this.webhooks = new WebhookClient({
      baseUrl,
      publicBaseUrl: baseUrl,
      authToken: AUTH_TOKEN,
      fetch,
      maxRequests: Number.POSITIVE_INFINITY,
      onRequest: () => undefined,
    });
    // No agents in the simulation: agent-bound calls (rebooking a missed first dose) wait.
    this.source = new TaskSource(s.outbound, urls, async () => false);
  }

  /** Dials up to `lines` due tasks, one after the other; answers how many were placed. */
  async round(lines: number): Promise<number> {
    let n = 0;
    for (; n < lines; n++) {
      const planned = await this.source.next("simulate-day");
      if (!planned) break;
      const sid = `CA${String(++this.seq).padStart(32, "0")}`;
      await planned.placed(sid);
      const [kind, ...rest] = planned.ref.split(":") as [OutboundKind, ...string[]];
      const subject = rest.join(":");
      this.placed[kind] = (this.placed[kind] ?? 0) + 1;
      if (this.random() >= this.rates.answered || !ANSWERED.has(kind)) {
        this.count(`${kind}:no-answer`);
        await this.noAnswer(planned.call.statusCallbackUrl, sid, planned.call.to);
        continue;
      }
      await this.converse(kind, subject, { ...planned.call, callSid: sid, from: CALLER_ID });
    }
    return n;
  }

  private count(key: string) {
    this.outcomes[key] = (this.outcomes[key] ?? 0) + 1;
  }

  /** Twilio's status callback for a call nobody picked up (signed, sent and checked as the emulator's are). */
  private async noAnswer(url: string, callSid: string, to: string) {
    await this.webhooks.notify("POST", url, {
      CallSid: callSid,
      AccountSid: "AC00000000000000000000000000000000",
      From: CALLER_ID,
      To: to,
      Direction: "outbound-api",
      CallStatus: "no-answer",
      CallDuration: "0",
    });
  }

  /** A person picks up: the whole call through the emulator, keys chosen by the step asking. */
  private async converse(kind: OutboundKind, subject: string, call: Parameters<typeof answeredCallOptions>[0]) {
    const birth = await birthDigits(this.s, kind, subject);
    let outcome = `${kind}:ended-before-menu`;
    const answer = (prompt: CallerPrompt): CallerInput => {
      const step = /\/voice\/step\/([a-z-]+)/.exec(prompt.action)?.[1] ?? "";
      if (step === "booking-identity") return { digits: birth };
      if (step === "reminder-menu") {
        const cancel = this.random() < this.rates.cancel;
        outcome = `${kind}:${cancel ? "cancel" : "confirm"}`;
        return { digits: cancel ? "2" : "1" };
      }
      if (step === "standby-menu") {
        const accept = this.random() < this.rates.accept;
        outcome = `${kind}:${accept ? "accept" : "decline"}`;
        return { digits: accept ? "1" : "2" };
      }
      if (step === "supply-move-menu") {
        outcome = `${kind}:accept`;
        return { digits: "1" };
      }
      outcome = `${kind}:unexpected ${step || prompt.action}`;
      return { hangup: true };
    };
    const emulator = new CallEmulator({
      ...answeredCallOptions(call, { baseUrl: this.baseUrl, authToken: AUTH_TOKEN }, "human"),
      caller: { answer },
    });
    await emulator.run();
    // A standby call whose doses went meanwhile hears so and ends before any menu.
    if (kind === "standby" && outcome.endsWith("ended-before-menu")) outcome = `${kind}:gone`;
    this.count(outcome);
  }
}
