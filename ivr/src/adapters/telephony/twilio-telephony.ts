import twilio from "twilio";
import type {
  ConferenceLegChange,
  ConferenceLegRequest,
  OutboundCall,
  Telephony,
} from "../../domain/telephony/telephony.ts";
import type { TwilioLocation } from "./sms.ts";

export class TwilioTelephony implements Telephony {
  private readonly client: ReturnType<typeof twilio>;

  constructor(
    accountSid: string,
    authToken: string,
    private readonly callerId: string,
    location: TwilioLocation = {},
  ) {
    this.client = twilio(accountSid, authToken, location);
    this.mediaAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  }

  private readonly mediaAuth: string;

  async placeCall(call: OutboundCall): Promise<{ callSid: string }> {
    const created = await this.client.calls.create({
      to: call.to,
      from: this.callerId,
      url: call.answerUrl,
      method: "POST",
      statusCallback: call.statusCallbackUrl,
      statusCallbackMethod: "POST",
      statusCallbackEvent: ["completed"],
      // 30 s of ringing: older people take a while to reach the phone.
      timeout: 30,
      ...(call.machineDetection ? { machineDetection: call.machineDetection, machineDetectionTimeout: 30 } : {}),
      ...(call.asyncAmdStatusCallbackUrl
        ? {
            asyncAmd: "true",
            asyncAmdStatusCallback: call.asyncAmdStatusCallbackUrl,
            asyncAmdStatusCallbackMethod: "POST",
          }
        : {}),
    });
    return { callSid: created.sid };
  }

  async redirectCall(callSid: string, url: string): Promise<void> {
    await this.client.calls(callSid).update({ url, method: "POST" });
  }

  async joinConference(conference: string, leg: ConferenceLegRequest): Promise<{ callSid: string }> {
    // Participants can be created by the conference's friendly name; the caller's <Dial><Conference>
    // (voice route /voice/agent/connect) has started it by then.
    const created = await this.client.conferences(conference).participants.create({
      from: this.callerId,
      to: leg.to,
      label: leg.label,
      beep: "false",
      earlyMedia: false,
      endConferenceOnExit: leg.endsCall ?? false,
      ...(leg.muted ? { muted: true } : {}),
      ...(leg.coach ? { coaching: true, callSidToCoach: leg.coach } : {}),
    });
    return { callSid: created.callSid };
  }

  async updateConferenceLeg(conference: string, label: string, change: ConferenceLegChange): Promise<void> {
    const sid = await this.conferenceSid(conference);
    await this.client
      .conferences(sid)
      .participants(label)
      .update({
        ...(change.hold !== undefined ? { hold: change.hold } : {}),
        ...(change.holdUrl !== undefined ? { holdUrl: change.holdUrl, holdMethod: "GET" } : {}),
        ...(change.muted !== undefined ? { muted: change.muted } : {}),
        ...(change.endsCall !== undefined ? { endConferenceOnExit: change.endsCall } : {}),
        ...(change.coach !== undefined
          ? change.coach
            ? { coaching: true, callSidToCoach: change.coach }
            : { coaching: false }
          : {}),
      });
  }

  async leaveConference(conference: string, label: string): Promise<void> {
    try {
      await this.client
        .conferences(await this.conferenceSid(conference))
        .participants(label)
        .remove();
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  /** Updating a participant needs the conference's SID; the running conference of that name has it. */
  private async conferenceSid(name: string): Promise<string> {
    const [conference] = await this.client.conferences.list({ friendlyName: name, status: "in-progress", limit: 1 });
    if (!conference) throw Object.assign(new Error(`conference ${name} not running`), { status: 404 });
    return conference.sid;
  }

  async deleteRecording(url: string): Promise<void> {
    const sid = /\/Recordings\/(RE[0-9a-f]{32})/i.exec(url)?.[1];
    if (!sid) return;
    try {
      await this.client.recordings(sid).remove();
    } catch (error) {
      // 404: deleted before (a retention run repeated after a crash) — nothing left to do.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  async fetchRecording(url: string): Promise<{ contentType: string; body: Uint8Array }> {
    // Only Twilio's own media URLs: the account's credentials go nowhere else.
    if (
      !/^https:\/\/api\.(?:[a-z0-9-]+\.)*twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}$/i.test(
        url,
      )
    )
      throw new Error("not a Twilio recording URL");
    const response = await fetch(`${url}.mp3`, { headers: { authorization: this.mediaAuth } });
    if (!response.ok) throw new Error(`recording fetch failed: ${response.status}`);
    return { contentType: "audio/mpeg", body: new Uint8Array(await response.arrayBuffer()) };
  }
}
