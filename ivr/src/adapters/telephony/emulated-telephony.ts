// Stands in for Twilio's REST API locally: calls are "placed" and their status callback is
// sent back to our own server, signed like Twilio's, with an outcome chosen by the
// configured callee ("answer", "no-answer", "busy"). Nothing leaves the machine.
import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import twilio from "twilio";
import type { Logger } from "pino";
import type { OutboundCall, Telephony } from "../../domain/telephony/telephony.ts";

export type CalleeBehaviour = "answer" | "no-answer" | "busy" | "silent";

export interface EmulatedTelephonyOptions {
  authToken: string;
  logger: Logger;
  callee?: () => CalleeBehaviour;
  /** Append one JSON line per placed call (tests across processes count dials with it). */
  logFile?: string;
  fetch?: typeof fetch;
}

export class EmulatedTelephony implements Telephony {
  readonly placed: (OutboundCall & { callSid: string })[] = [];
  readonly redirects: { callSid: string; url: string }[] = [];
  readonly deletedRecordings: string[] = [];

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
    const behaviour = this.options.callee?.() ?? "answer";
    // Real status callbacks come when the call ends, seconds later; a short delay keeps that order.
    if (behaviour !== "silent") setTimeout(() => void this.finish(call, callSid, behaviour), 250);
    return { callSid };
  }

  async redirectCall(callSid: string, url: string): Promise<void> {
    this.redirects.push({ callSid, url });
  }

  async deleteRecording(url: string): Promise<void> {
    this.deletedRecordings.push(url);
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
      CallStatus: behaviour === "answer" ? "completed" : behaviour,
      CallDuration: behaviour === "answer" ? "95" : "0",
    };
    try {
      const res = await (this.options.fetch ?? fetch)(call.statusCallbackUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(
            this.options.authToken,
            call.statusCallbackUrl,
            params,
          ),
        },
        body: new URLSearchParams(params),
      });
      if (!res.ok) this.options.logger.warn({ status: res.status }, "emulated status callback refused");
    } catch (err) {
      this.options.logger.warn({ err }, "emulated status callback failed");
    }
  }
}
