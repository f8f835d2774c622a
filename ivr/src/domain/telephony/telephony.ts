// The port every outbound call goes through. The adapters implement it: Twilio's REST API in
// production, an emulator where Twilio cannot be reached (adapters/telephony/).
export interface OutboundCall {
  to: string;
  /** Absolute URL Twilio requests when the callee answers. */
  answerUrl: string;
  /** Absolute URL for the call's status callbacks (completed, no-answer, busy, failed). */
  statusCallbackUrl: string;
  /**
   * Answering-machine detection for automated calls: Twilio tells the answer webhook who
   * answered (AnsweredBy: human, machine_…, fax, unknown). "DetectMessageEnd" waits for the
   * greeting's beep, so a message left on a machine is recorded from its start.
   */
  machineDetection?: "Enable" | "DetectMessageEnd";
  /** Asynchronous detection: the call is answered at once, the result comes to this URL. */
  asyncAmdStatusCallbackUrl?: string;
}

export interface Telephony {
  placeCall(call: OutboundCall): Promise<{ callSid: string }>;
  /** Moves a live call to new TwiML (an agent answering a queued caller). */
  redirectCall(callSid: string, url: string): Promise<void>;
  /** Deletes a recording (a caller's spoken name) at the provider; one already gone is fine. */
  deleteRecording(url: string): Promise<void>;
  /** The audio of a recording, for an agent typing a name or address from it. */
  fetchRecording(url: string): Promise<{ contentType: string; body: Uint8Array }>;

  /**
   * Adds a leg to a call's conference by dialling `to` (a softphone, "client:<agent>"). The
   * label names the leg in the other methods; `coach` makes the new leg whisper to that leg.
   */
  joinConference(conference: string, leg: ConferenceLegRequest): Promise<{ callSid: string }>;
  /** Holds (with music), mutes or coaches a leg, or ends its coaching (`coach: null`). */
  updateConferenceLeg(conference: string, label: string, change: ConferenceLegChange): Promise<void>;
  /** Takes a leg out of the conference (it hangs up); one already gone is fine. */
  leaveConference(conference: string, label: string): Promise<void>;
}

export interface ConferenceLegRequest {
  to: string;
  label: string;
  muted?: boolean;
  /** The call SID of the leg this one whispers to. */
  coach?: string;
  /** The conference (and so the caller's call) ends when this leg hangs up: the agent's. */
  endsCall?: boolean;
}

export interface ConferenceLegChange {
  hold?: boolean;
  holdUrl?: string;
  muted?: boolean;
  coach?: string | null;
  endsCall?: boolean;
}
