// SMS through Twilio's REST API, or, where Twilio cannot be reached (development, tests),
// an emulator that keeps what would have been sent.
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import type { Logger } from "pino";
import type { SmsSender } from "../../domain/telephony/sms-sender.ts";

export interface SentSms {
  to: string;
  body: string;
  at: Date;
}

export class EmulatedSms implements SmsSender {
  readonly outbox: (SentSms & { sid: string })[] = [];
  readonly deleted: string[] = [];
  constructor(private readonly logger: Logger) {}

  async send(to: string, body: string): Promise<{ sid: string }> {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    this.outbox.push({ to, body, at: new Date(), sid });
    if (this.outbox.length > 1_000) this.outbox.shift();
    this.logger.info({ to, chars: body.length }, "SMS (emulated)");
    return { sid };
  }

  async deleteMessage(sid: string): Promise<void> {
    this.deleted.push(sid);
  }
}

/** Where Twilio processes the account's data: region "ie1" with edge "dublin" keeps it in the EU. */
export interface TwilioLocation {
  region?: string;
  edge?: string;
}

export class TwilioSms implements SmsSender {
  private readonly client: ReturnType<typeof twilio>;
  constructor(
    accountSid: string,
    authToken: string,
    private readonly from: string,
    location: TwilioLocation = {},
  ) {
    this.client = twilio(accountSid, authToken, location);
  }

  async send(to: string, body: string): Promise<{ sid: string }> {
    const message = await this.client.messages.create({ to, from: this.from, body });
    return { sid: message.sid };
  }

  async deleteMessage(sid: string): Promise<void> {
    try {
      await this.client.messages(sid).remove();
    } catch (error) {
      // 404: deleted before (a retention run repeated after a crash).
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
}
