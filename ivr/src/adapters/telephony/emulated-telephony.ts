// Stands in for Twilio's REST API locally: calls are "placed" and their status callback is
// sent back to our own server, signed like Twilio's, with an outcome chosen by the
// configured callee ("answer", "no-answer", "busy"). A call to a number where a terminal phone
// waits (`npm run call -- --answer N`, emulated-ringing.ts) rings there instead, and the phone
// plays the whole call against the webhooks. Nothing leaves the machine.
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import twilio from "twilio";
import type { Logger } from "pino";
import type { RingingLine } from "./emulated-ringing.ts";
import { conferenceName } from "../../domain/agents/call-control.ts";
import type {
  ConferenceLegChange,
  ConferenceLegRequest,
  OutboundCall,
  Telephony,
} from "../../domain/telephony/telephony.ts";

/** "machine": an answering machine picks up (the call completes, AnsweredBy says so when detection was asked for). */
export type CalleeBehaviour = "answer" | "no-answer" | "busy" | "silent" | "machine";

export interface EmulatedTelephonyOptions {
  authToken: string;
  logger: Logger;
  callee?: () => CalleeBehaviour;
  /** Append one JSON line per placed call (tests across processes count dials with it). */
  logFile?: string;
  fetch?: typeof fetch;
  /** Where terminal phones wait for calls (emulated-ringing.ts); none: every call goes by `callee`. */
  phones?: RingingLine;
  /** The number the calls come from (Twilio's From). */
  callerId?: string;
  /** How long a call rings at a waiting phone before it counts as unanswered (Twilio's timeout: 30 s). */
  ringSeconds?: number;
}

/** A leg of an emulated conference, as Twilio's Participant resource would describe it. */
export interface EmulatedLeg {
  callSid: string;
  to: string;
  hold: boolean;
  holdUrl?: string;
  muted: boolean;
  /** The leg this one whispers to (Twilio's callSidToCoach); only that leg hears it. */
  coaching: string | null;
  /** Twilio's endConferenceOnExit: this leg hanging up ends the conference. */
  endsCall: boolean;
}

export class EmulatedTelephony implements Telephony {
  /** Conferences by name, their legs by label: what Twilio's Participants resource would list. */
  readonly conferences = new Map<string, Map<string, EmulatedLeg>>();
  readonly placed: (OutboundCall & { callSid: string })[] = [];
  readonly redirects: { callSid: string; url: string }[] = [];
  readonly deletedRecordings: string[] = [];
  /** Calls rung at a terminal phone: a redirect of one of them is handed to that phone. */
  private readonly atPhones = new Set<string>();

  constructor(private readonly options: EmulatedTelephonyOptions) {}

  async placeCall(call: OutboundCall): Promise<{ callSid: string }> {
    const callSid = `CA${randomBytes(16).toString("hex")}`;
    this.placed.push({ ...call, callSid });
    if (this.placed.length > 1_000) this.placed.shift();
    if (this.options.logFile)
      appendFileSync(
        this.options.logFile,
        `${JSON.stringify({ callSid, to: call.to, at: new Date().toISOString() })}\n`,
      );
    this.options.logger.info({ callSid, to: call.to }, "outbound call (emulated)");
    if (this.options.phones?.isWaiting(call.to)) {
      this.ringAtPhone(this.options.phones, call, callSid);
      return { callSid };
    }
    const behaviour = this.options.callee?.() ?? "answer";
    // Real status callbacks come when the call ends, seconds later; a short delay keeps that order.
    if (behaviour === "answer" && new URL(call.answerUrl, "http://x").pathname === "/voice/agent/callback") {
      // An agent's callback answered: Twilio fetches the answer TwiML first, then the call runs.
      void this.answer(call, callSid).finally(() => setTimeout(() => void this.finish(call, callSid, behaviour), 250));
    } else if (behaviour !== "silent")
      setTimeout(
        () => void this.detected(call, callSid, behaviour).then(() => this.finish(call, callSid, behaviour)),
        250,
      );
    return { callSid };
  }

  /** The phone picks up and plays the call; if it does not within the ring time, "no-answer". */
  private ringAtPhone(phones: RingingLine, call: OutboundCall, callSid: string): void {
    this.atPhones.add(callSid);
    if (this.atPhones.size > 1_000) this.atPhones.delete(this.atPhones.values().next().value!);
    phones.ring({
      callSid,
      from: this.options.callerId ?? "+49800116117",
      to: call.to,
      answerUrl: call.answerUrl,
      statusCallbackUrl: call.statusCallbackUrl,
      ...(call.machineDetection ? { machineDetection: call.machineDetection } : {}),
      ...(call.asyncAmdStatusCallbackUrl ? { asyncAmdStatusCallbackUrl: call.asyncAmdStatusCallbackUrl } : {}),
    });
    setTimeout(
      () => {
        if (phones.stopRinging(call.to, callSid)) void this.finish(call, callSid, "no-answer");
      },
      (this.options.ringSeconds ?? 30) * 1000,
    ).unref();
  }

  async redirectCall(callSid: string, url: string): Promise<void> {
    this.redirects.push({ callSid, url });
    // A call a terminal phone plays: that phone follows the new TwiML, as Twilio would.
    if (this.atPhones.has(callSid)) this.options.phones?.redirect(callSid, url);
    // Twilio would fetch the TwiML: /voice/agent/connect answers <Dial><Conference> with the
    // participant label "caller" (render-conference.ts), so the caller's leg is in the room.
    if (new URL(url, "http://x").pathname === "/voice/agent/connect") {
      const conference = conferenceName(callSid);
      const legs = this.conferences.get(conference) ?? new Map<string, EmulatedLeg>();
      this.conferences.set(conference, legs);
      legs.set("caller", { callSid, to: "caller", hold: false, muted: false, coaching: null, endsCall: true });
    }
  }

  async joinConference(conference: string, leg: ConferenceLegRequest): Promise<{ callSid: string }> {
    const callSid = `CA${randomBytes(16).toString("hex")}`;
    const legs = this.conferences.get(conference) ?? new Map<string, EmulatedLeg>();
    this.conferences.set(conference, legs);
    legs.set(leg.label, {
      callSid,
      to: leg.to,
      hold: false,
      muted: leg.muted ?? false,
      coaching: leg.coach ?? null,
      endsCall: leg.endsCall ?? false,
    });
    this.options.logger.info({ conference, label: leg.label }, "conference leg joined (emulated)");
    return { callSid };
  }

  async updateConferenceLeg(conference: string, label: string, change: ConferenceLegChange): Promise<void> {
    const leg = this.conferences.get(conference)?.get(label);
    // Twilio answers 404 for a participant that is not in the conference.
    if (!leg) throw Object.assign(new Error(`no participant ${label} in ${conference}`), { status: 404 });
    if (change.hold !== undefined) leg.hold = change.hold;
    if (change.holdUrl !== undefined) leg.holdUrl = change.holdUrl;
    if (change.muted !== undefined) leg.muted = change.muted;
    if (change.coach !== undefined) leg.coaching = change.coach;
    if (change.endsCall !== undefined) leg.endsCall = change.endsCall;
  }

  async leaveConference(conference: string, label: string): Promise<void> {
    const legs = this.conferences.get(conference);
    const leg = legs?.get(label);
    legs?.delete(label);
    // A conference ends when its last leg leaves, or one that ends it (the caller, the agent).
    if (legs && (legs.size === 0 || leg?.endsCall)) this.conferences.delete(conference);
  }

  /**
   * Who hears a leg speak: everyone not on hold, except that a whispering leg is heard only by
   * the leg it coaches, and a muted leg by nobody. Tests ask this instead of reading flags.
   */
  hearers(conference: string, label: string): string[] {
    const legs = this.conferences.get(conference);
    const speaker = legs?.get(label);
    if (!legs || !speaker || speaker.muted || speaker.hold) return [];
    return [...legs.entries()]
      .filter(([other, leg]) => other !== label && !leg.hold)
      .filter(([, leg]) => speaker.coaching === null || leg.callSid === speaker.coaching)
      .map(([other]) => other);
  }

  async deleteRecording(url: string): Promise<void> {
    this.deletedRecordings.push(url);
  }

  /** One second of silence as WAV: enough for the console's player to work without Twilio. */
  async fetchRecording(url: string): Promise<{ contentType: string; body: Uint8Array }> {
    if (this.deletedRecordings.includes(url)) throw new Error("recording deleted");
    return { contentType: "audio/wav", body: silentWav(8_000) };
  }

  /**
   * Fetches the answer TwiML as Twilio would when the callee picks up; a <Conference> in it puts
   * the callee's leg ("caller") into that conference, as /voice/agent/connect does for a queued caller.
   */
  private async answer(call: OutboundCall, callSid: string): Promise<void> {
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: "AC00000000000000000000000000000000",
      To: call.to,
      Direction: "outbound-api",
      CallStatus: "in-progress",
    };
    try {
      const res = await (this.options.fetch ?? fetch)(call.answerUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(this.options.authToken, call.answerUrl, params),
        },
        body: new URLSearchParams(params),
      });
      const twiml = await res.text();
      const room = /<Conference[^>]*>([^<]+)<\/Conference>/.exec(twiml)?.[1];
      if (!room) return;
      const legs = this.conferences.get(room) ?? new Map<string, EmulatedLeg>();
      this.conferences.set(room, legs);
      legs.set("caller", { callSid, to: call.to, hold: false, muted: false, coaching: null, endsCall: true });
    } catch (err) {
      this.options.logger.warn({ err }, "emulated answer webhook failed");
    }
  }

  /**
   * Asynchronous machine detection's result for a call nobody plays through (EMULATED_CALLEE):
   * "human" for "answer", a machine after its beep for "machine".
   */
  private async detected(call: OutboundCall, callSid: string, behaviour: CalleeBehaviour): Promise<void> {
    if (!call.asyncAmdStatusCallbackUrl || (behaviour !== "answer" && behaviour !== "machine")) return;
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: "AC00000000000000000000000000000000",
      AnsweredBy: behaviour === "machine" ? "machine_end_beep" : "human",
      MachineDetectionDuration: behaviour === "machine" ? "7400" : "2100",
    };
    await this.post(call.asyncAmdStatusCallbackUrl, params, "emulated machine detection result");
  }

  private async post(url: string, params: Record<string, string>, what: string): Promise<void> {
    try {
      const res = await (this.options.fetch ?? fetch)(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(this.options.authToken, url, params),
        },
        body: new URLSearchParams(params),
      });
      if (!res.ok) this.options.logger.warn({ status: res.status }, `${what} refused`);
    } catch (err) {
      this.options.logger.warn({ err }, `${what} failed`);
    }
  }

  private async finish(
    call: OutboundCall,
    callSid: string,
    behaviour: Exclude<CalleeBehaviour, "silent">,
  ): Promise<void> {
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: "AC00000000000000000000000000000000",
      To: call.to,
      Direction: "outbound-api",
      CallStatus: behaviour === "answer" || behaviour === "machine" ? "completed" : behaviour,
      CallDuration: behaviour === "answer" ? "95" : behaviour === "machine" ? "20" : "0",
      ...(call.machineDetection && (behaviour === "answer" || behaviour === "machine")
        ? { AnsweredBy: behaviour === "machine" ? "machine_end_beep" : "human" }
        : {}),
    };
    await this.post(call.statusCallbackUrl, params, "emulated status callback");
  }
}

function silentWav(samples: number): Uint8Array {
  const data = Buffer.alloc(samples, 0x80); // 8-bit unsigned PCM: 0x80 is silence
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8_000, 24);
  header.writeUInt32LE(8_000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return new Uint8Array(Buffer.concat([header, data]));
}
