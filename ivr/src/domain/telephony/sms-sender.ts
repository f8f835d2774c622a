// The port confirmation SMS go through. The adapters implement it: Twilio's REST API, or an
// emulator that keeps what would have been sent (adapters/telephony/sms.ts).
export interface SmsSender {
  /** Sends; answers the provider's id of the message (its body stays in the provider's log). */
  send(to: string, body: string): Promise<{ sid: string }>;
  /** Deletes a sent message, body and all, at the provider; one already gone is fine. */
  deleteMessage(sid: string): Promise<void>;
}
