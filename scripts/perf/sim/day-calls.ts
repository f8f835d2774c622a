// The phone side of the day simulation: the hotline's HTTP app on a local port, and a dialler
// that takes the scheduler's due tasks as the worker does and has the call emulator play Twilio:
// no answer (a signed status callback), or a person who passes the identity check and presses keys.
import type { AddressInfo } from "node:net";
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
import { onCleanup } from "../harness/command.ts";
import { AUTH_TOKEN } from "../harness/server.ts";

const CALLER_ID = "+49800116117";

/** The hotline's HTTP app on a free local port, on these services (and so on their clock); closed at the end. */
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
  onCleanup(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { after: hotline.afterBooking, baseUrl };
}

/** The kinds a person answers (no agents: rebooking calls wait for one), and their birth date (DDMM). */
const BIRTH_DIGITS: Partial<Record<OutboundKind, string>> = {
  standby: `SELECT to_char(birth_date, 'DDMM') AS ddmm FROM waitlist_entry WHERE id = $1`,
  reminder: `SELECT to_char(p.birth_date, 'DDMM') AS ddmm FROM booking b JOIN person p ON p.id = b.person_id WHERE b.id = $1`,
  "supply-move": `SELECT to_char(p.birth_date, 'DDMM') AS ddmm FROM supply_move_notice n
                    JOIN booking b ON b.id = n.booking_id JOIN person p ON p.id = b.person_id WHERE n.id = $1`,
};

export class Dialler {
  private seq = 0;
  private readonly source: TaskSource;
  private readonly webhooks: WebhookClient;

  constructor(
    private readonly s: Services,
    private readonly baseUrl: string,
    private readonly random: () => number,
    private readonly rates: { answered: number; cancel: number; accept: number },
  ) {
    const urls = {
      answer: (id: number) => `${baseUrl}/voice/outbound/answer?task=${id}`,
      status: `${baseUrl}/voice/outbound/status`,
      amd: `${baseUrl}/voice/outbound/amd`,
    };
    const client = { baseUrl, publicBaseUrl: baseUrl, authToken: AUTH_TOKEN, fetch, onRequest: () => undefined };
    this.webhooks = new WebhookClient({ ...client, maxRequests: Number.POSITIVE_INFINITY });
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
      // The ref is "<kind>:<id>…", a standby call's "standby:<offer>:<entry>".
      const [kind, ...ids] = planned.ref.split(":") as [OutboundKind, ...string[]];
      if (this.random() < this.rates.answered && BIRTH_DIGITS[kind]) {
        const id = Number(ids[kind === "standby" ? 1 : 0]);
        await this.converse(kind, id, { ...planned.call, callSid: sid, from: CALLER_ID });
        continue;
      }
      await this.webhooks.notify("POST", planned.call.statusCallbackUrl, {
        CallSid: sid,
        AccountSid: "AC00000000000000000000000000000000",
        From: CALLER_ID,
        To: planned.call.to,
        Direction: "outbound-api",
        CallStatus: "no-answer",
        CallDuration: "0",
      });
    }
    return n;
  }

  /** A person picks up: the whole call through the emulator, keys chosen by the step asking. */
  private async converse(kind: OutboundKind, id: number, call: Parameters<typeof answeredCallOptions>[0]) {
    const [row] = await this.s.db.query<{ ddmm: string }>(BIRTH_DIGITS[kind]!, [id]);
    const answer = (prompt: CallerPrompt): CallerInput => {
      const step = /\/voice\/step\/([a-z-]+)/.exec(prompt.action)?.[1] ?? "";
      if (step === "booking-identity") return { digits: row?.ddmm ?? "0000" };
      if (step === "reminder-menu") return { digits: this.random() < this.rates.cancel ? "2" : "1" };
      if (step === "standby-menu") return { digits: this.random() < this.rates.accept ? "1" : "2" };
      if (step === "supply-move-menu") return { digits: "1" };
      throw new Error(`simulate:day does not know the step ${step || prompt.action} (${kind} call)`);
    };
    const base = { baseUrl: this.baseUrl, authToken: AUTH_TOKEN };
    await new CallEmulator({ ...answeredCallOptions(call, base, "human"), caller: { answer } }).run();
  }
}
