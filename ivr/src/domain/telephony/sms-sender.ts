// The port confirmation SMS go through. The adapters implement it: Twilio's REST API, or an
// emulator that keeps what would have been sent (adapters/telephony/sms.ts).
export interface SmsSender {
  send(to: string, body: string): Promise<void>;
}
