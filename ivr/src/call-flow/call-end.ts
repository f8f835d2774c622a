/**
 * What storage does when Twilio reports that a call ended: the caller's held pairs go back on
 * offer, a queue entry (if any) is closed as a hang-up, and the call's session is closed. All
 * three in one step: this is the last webhook of every call.
 */
export interface CallEndStore {
  ended(callSid: string, at: Date): Promise<void>;
}
