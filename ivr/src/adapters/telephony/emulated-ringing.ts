// The line between the telephony emulator and a terminal phone (`npm run call -- --answer N`),
// which run in different processes: a directory of small files. The phone puts up a "waiting"
// file for its number; the emulator, placing a call to that number, leaves a "ringing" file; the
// phone takes it by renaming it (atomic, so a call is answered once) and from then plays Twilio's
// part itself: the answer URL, the TwiML, the status callback. A ringing file nobody takes within
// the ring timeout is removed by the emulator, which reports "no-answer" as Twilio would. A call
// the server moves while it runs (calls.update: a machine found by asynchronous detection) gets a
// "redirect" file the phone picks up before its next verb.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../paths.ts";

/** Where emulated phones wait unless EMULATED_PHONES_DIR says otherwise. */
export const DEFAULT_PHONES_DIR = join(PROJECT_ROOT, "tmp", "phones");

/** What a terminal phone needs to play an outbound call as Twilio would. */
export interface RingingCall {
  callSid: string;
  from: string;
  to: string;
  answerUrl: string;
  statusCallbackUrl: string;
  machineDetection?: "Enable" | "DetectMessageEnd";
  asyncAmdStatusCallbackUrl?: string;
}

/** A number's file name: its digits, "+49 151 …", "0049151…" and "0151…" alike. */
export function lineKey(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  if (phone.trim().startsWith("+")) return digits;
  if (digits.startsWith("00")) return digits.slice(2);
  return digits.startsWith("0") ? `49${digits.slice(1)}` : digits;
}

export class RingingLine {
  constructor(readonly dir: string = DEFAULT_PHONES_DIR) {}

  // --- the phone's side ---

  /** The phone is by the number until stopWaiting (or its process ends). */
  wait(phone: string): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.path(phone, "waiting"), JSON.stringify({ pid: process.pid }));
  }

  stopWaiting(phone: string): void {
    rmSync(this.path(phone, "waiting"), { force: true });
  }

  /** Takes a call ringing at the number, if any; null when none rings (or another phone took it). */
  pickUp(phone: string): RingingCall | null {
    const prefix = `${lineKey(phone)}.`;
    const ringing = existsSync(this.dir)
      ? readdirSync(this.dir).filter((f) => f.startsWith(prefix) && f.endsWith(".ringing"))
      : [];
    for (const name of ringing) {
      const taken = join(this.dir, `${name}.${process.pid}.taken`);
      try {
        renameSync(join(this.dir, name), taken);
      } catch {
        continue; // the emulator gave up on it, or another phone took it
      }
      const call = JSON.parse(readFileSync(taken, "utf8")) as RingingCall;
      rmSync(taken, { force: true });
      return call;
    }
    return null;
  }

  // --- the emulator's side ---

  /** A phone waits at the number, in a process still alive. */
  isWaiting(phone: string): boolean {
    const file = this.path(phone, "waiting");
    if (!existsSync(file)) return false;
    try {
      const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
      process.kill(pid, 0);
      return true;
    } catch {
      rmSync(file, { force: true }); // a phone whose process is gone
      return false;
    }
  }

  ring(call: RingingCall): void {
    const file = this.ringingPath(call.to, call.callSid);
    writeFileSync(`${file}.tmp`, JSON.stringify(call));
    renameSync(`${file}.tmp`, file);
  }

  /** Ends the ringing: true when nobody had picked up (the call goes unanswered). */
  stopRinging(phone: string, callSid: string): boolean {
    try {
      unlinkSync(this.ringingPath(phone, callSid));
      return true;
    } catch {
      return false;
    }
  }

  /** The provider moved a live call to new TwiML (a machine found by asynchronous detection). */
  redirect(callSid: string, url: string): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${callSid}.redirect`);
    writeFileSync(`${file}.tmp`, url);
    renameSync(`${file}.tmp`, file);
  }

  /** The phone's side: the URL its call was moved to since it last asked, or null. */
  takeRedirect(callSid: string): string | null {
    const file = join(this.dir, `${callSid}.redirect`);
    const taken = `${file}.${process.pid}.taken`;
    try {
      renameSync(file, taken);
    } catch {
      return null;
    }
    const url = readFileSync(taken, "utf8");
    rmSync(taken, { force: true });
    return url;
  }

  private ringingPath(phone: string, callSid: string): string {
    return join(this.dir, `${lineKey(phone)}.${callSid}.ringing`);
  }

  private path(phone: string, what: "waiting"): string {
    return join(this.dir, `${lineKey(phone)}.${what}`);
  }
}
