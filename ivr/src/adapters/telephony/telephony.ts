// Every call to Twilio's REST API goes through this interface: the real Twilio client in
// production, an emulator where Twilio cannot be reached (development, tests).
export interface OutboundCall {
  to: string;
  /** Absolute URL Twilio requests when the callee answers. */
  answerUrl: string;
  /** Absolute URL for the call's status callbacks (completed, no-answer, busy, failed). */
  statusCallbackUrl: string;
}

export interface Telephony {
  placeCall(call: OutboundCall): Promise<{ callSid: string }>;
  /** Moves a live call to new TwiML (an agent answering a queued caller). */
  redirectCall(callSid: string, url: string): Promise<void>;
}
