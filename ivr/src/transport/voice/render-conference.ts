// The TwiML that puts an answered caller into a conference of their own (named after their
// CallSid, see domain/agents/call-control.ts), where the agent, a colleague and a supervisor
// join as further legs: so the agent can hold and transfer, a supervisor listen, whisper and
// barge. The caller's leaving ends the conference; nobody else's does.
import twilio from "twilio";
import { conferenceName } from "../../domain/agents/call-control.ts";

export function renderConference(callSid: string, waitUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  appendConference(response, callSid, waitUrl);
  return response.toString();
}

/** The <Dial><Conference> of a caller's own conference, after whatever `response` already says. */
export function appendConference(response: twilio.twiml.VoiceResponse, callSid: string, waitUrl: string): void {
  response.dial().conference(
    {
      participantLabel: "caller",
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      beep: "false",
      // Played while the agent's softphone rings, before anyone else is in the room.
      waitUrl,
      waitMethod: "GET",
    },
    conferenceName(callSid),
  );
}
