// Every SMS the hotline sends, noted by the provider's id, so that the retention run can delete
// it at the provider once it is no longer needed: Twilio keeps message bodies (appointment,
// centre, code) in the account's log until they are deleted.
import type { SmsSender } from "../../domain/telephony/sms-sender.ts";
import type { Database } from "./open-database.ts";

export class LoggedSms implements SmsSender {
  constructor(
    private readonly inner: SmsSender,
    private readonly db: Pick<Database, "query">,
    private readonly now: () => Date,
  ) {}

  async send(to: string, body: string): Promise<{ sid: string }> {
    const sent = await this.inner.send(to, body);
    await this.db.query(`INSERT INTO sent_message (sid, sent_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      sent.sid,
      this.now(),
    ]);
    return sent;
  }

  deleteMessage(sid: string): Promise<void> {
    return this.inner.deleteMessage(sid);
  }
}
