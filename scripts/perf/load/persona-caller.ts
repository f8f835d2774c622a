// Emulated callers of the launch morning (bench:launch) and of the mid-run faults: the
// project's CallEmulator (signed webhooks, TwiML followed verb by verb) with a caller that
// reacts to what it hears, the way a person does, instead of a fixed script: callers meet full
// centres, apologies and the fallback.
//
// Mix (drawCaller): ~70 % book (NRW/Hessen postcode, born 1921-1940), ~8 % have a booking code
// (one from an earlier booking of this run; half of them mistype it first), ~7 % type an
// unknown postcode first, ~5 % are under 80, ~5 % press 0 for a person (then take the
// callback, or, when bench:launch runs emulated agents, wait for one), ~5 % hang up in a menu before any pair is held (so no hold is ever given back by a
// hang-up, which keeps the "region full" check exact).
//
// A BUSY TONE, precisely: the call got a <Reject>, or a webhook got no TwiML answer (transport
// error or non-200 even after the one retry), or the SERVER ended the call (<Hangup> or the end
// of a document) when the caller had not heard a closing prompt since their last input
// (goodbye "Auf Wiederhören", "rufen Sie ... wieder an", "wir buchen nur für", the fallback's
// "Ihre Nummer ist gespeichert"). The caller hanging up themselves is never a busy tone.
import { randomBytes } from "node:crypto";
import { CallEmulator, WebhookError, type CallerInput, type CallerPrompt } from "../../phone/call-emulator.ts";
import { sleep } from "../harness/command.ts";
import { AUTH_TOKEN } from "../harness/hotline.ts";
import type { Switchboard } from "./emulated-agents.ts";

export type Persona = "book" | "code" | "wrong-postcode" | "under-80" | "operator" | "hangup";
export const MIX: readonly (readonly [Persona, number])[] = [
  ["book", 0.7],
  ["code", 0.08],
  ["wrong-postcode", 0.07],
  ["under-80", 0.05],
  ["operator", 0.05],
  ["hangup", 0.05],
];

export const OUTCOMES = [
  "booked",
  "answeredByAgent",
  "callbackRegistered",
  "regionFull",
  "fullWithAlternative",
  "codeHeard",
  "notEligible",
  "fallbackCallback",
  "gaveUp",
  "other",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface CallerPlan {
  persona: Persona;
  from: string;
  postcode: string;
  born: { year: number; month: number; day: number };
  hangupAt: "main-menu" | "birth-year" | "postcode";
  /** Keypad form of a code from an earlier booking, its person's birth date, and whether it is mistyped first. */
  code?: { keypad: string; birthDate: string; mistypeFirst: boolean };
  /** Hearing "centre full, but centre Y has pairs": hang up instead of taking Y. */
  declineAlternative: boolean;
}

/** One "full" answer and the free pairs the ledger had right after the caller heard it. */
export interface FullCheck {
  kind: "centre" | "region";
  name: string;
  /** NOT_FOUND: the name matched no centre or region; UNCHECKED: the bench's own probe failed in time. */
  free: number;
}
export const NOT_FOUND = -1;
export const UNCHECKED = -2;

export interface CallRecord {
  plan: CallerPlan;
  outcome: Outcome;
  /** Codes (their 12 keypad digits, as read) the caller heard after "Ihre Termine sind gebucht". */
  bookedCodes: string[];
  /** Heard "Ihr Rückrufwunsch ist gespeichert" / "bereits ein Rückruf vorgemerkt". */
  callbackHeard: boolean;
  /** Heard "Sie stehen jetzt auf der Warteliste" / "steht schon auf der Warteliste". */
  waitlistHeard: boolean;
  /** Heard the fallback's "Ihre Nummer ist gespeichert" (journal, replayed later). */
  fallbackHeard: boolean;
  apologies: number;
  busyTone: string | null;
  error: { kind: string; message: string } | null;
  fullChecks: FullCheck[];
  startedMs: number;
  endedMs: number;
  /** Wall-clock ms when the caller heard "gebucht" (for recovery times). */
  bookedAtMs: number | null;
  /** For calls with an apology, error or busy tone: what was said and answered, shortened. */
  trail?: string[];
}

export interface CallerContext {
  baseUrl: string;
  fetch: typeof fetch;
  /** Mean pause before each answer, ms (±50 %). */
  thinkMs: number;
  /** Codes of earlier bookings (keypad form, as heard) and their people's birth dates (DDMMYYYY), for the booking-code callers; booked calls add theirs. */
  codePool: { keypad: string; birthDate: string }[];
  /** Reads the ledger right after a "full" answer; absent in the fault scripts. */
  checkFull?: (kind: FullCheck["kind"], name: string) => Promise<number>;
  /**
   * Emulated agents answer (bench:launch): a caller in the agent queue waits, in real time, up to
   * `patienceMs` for an agent's accept (then presses 1 for a callback), talks until the agent
   * ends the call, and hangs up. Without it a queued caller presses 1 at once.
   */
  agents?: { switchboard: Switchboard; patienceMs: number };
}

const pad = (n: number) => String(n).padStart(2, "0");
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function drawPersona(): Persona {
  let r = Math.random();
  for (const [persona, share] of MIX) if ((r -= share) < 0) return persona;
  return "book";
}

/**
 * A name unique to the caller's number, letters only, as speech recognition would hand it over:
 * the ledger takes name, birth date and postcode as one person, and callers share birth dates.
 */
export function spokenNameOf(phone: string): string {
  const tail = phone.slice(-8).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
  return `Erika ${tail[0]!.toUpperCase()}${tail.slice(1)}`;
}

/** A caller with a unique German mobile number (a mobile gets an SMS: no letter, no street asked). */
export function drawCaller(
  serial: number,
  postcodes: readonly string[],
  codePool: CallerContext["codePool"],
  persona = drawPersona(),
): CallerPlan {
  const under = persona === "under-80";
  const from = Date.UTC(under ? 1950 : 1921, 0, 1);
  const days = Math.round((Date.UTC(under ? 1990 : 1940, 11, 31) - from) / 86_400_000) + 1;
  const born = new Date(from + Math.floor(Math.random() * days) * 86_400_000);
  const plan: CallerPlan = {
    persona: persona === "code" && codePool.length === 0 ? "book" : persona,
    from: `+49151${String(10_000_000 + (serial % 90_000_000))}`,
    postcode: pick(postcodes),
    born: { year: born.getUTCFullYear(), month: born.getUTCMonth() + 1, day: born.getUTCDate() },
    hangupAt: pick(["main-menu", "birth-year", "postcode"] as const),
    declineAlternative: Math.random() < 0.5,
  };
  if (plan.persona === "code") plan.code = { ...pick(codePool), mistypeFirst: Math.random() < 0.5 };
  return plan;
}

/** One keypad digit changed (2-9): the Luhn check of the keypad form catches it. */
function mistype(keypad: string): string {
  const i = Math.floor(Math.random() * keypad.length);
  const d = Number(keypad[i]);
  return keypad.slice(0, i) + String(d >= 9 ? 2 : d + 1) + keypad.slice(i + 1);
}

const CLOSING = /Auf Wiederhören|rufen Sie .{0,60}wieder an|Wir buchen nur für|Ihre Nummer ist gespeichert/;
const APOLOGY = /technisches Problem|Buchungssystem ist (gerade gestört|im Moment nicht erreichbar)/;
const BOOKED = /Ihre Termine sind gebucht/;
/** The code as the menu reads it: keypad digits in groups of three, "zwo" for 2. */
const CODE_SPOKEN = /(?:Er lautet|Buchungscode):\s*((?:[2-9]|zwo)(?:[,.\s]+(?:[2-9]|zwo)){11})/;
const MAX_ANSWERS = 40;
/** A queued caller hears the wait loop again after this long (real time) without an agent. */
const WAIT_LOOP_MS = 5_000;
/** A conversation the agent never ends: the caller hangs up after this long. */
const MAX_TALK_MS = 300_000;

/** Places one call and classifies it; never throws. */
export async function placePersonaCall(ctx: CallerContext, plan: CallerPlan): Promise<CallRecord> {
  const rec: CallRecord = {
    plan,
    outcome: "other",
    bookedCodes: [],
    callbackHeard: false,
    waitlistHeard: false,
    fallbackHeard: false,
    apologies: 0,
    busyTone: null,
    error: null,
    fullChecks: [],
    startedMs: Date.now(),
    endedMs: 0,
    bookedAtMs: null,
  };
  const flags = {
    regionFull: false,
    declined: false,
    codeHeard: false,
    notEligible: false,
    gaveUp: false,
    answered: false,
  };
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  let queuedAtMs = 0;
  /** The agent queue's wait loop, with emulated agents: wait for one, talk, hang up. */
  const waitForAgent = async (agents: NonNullable<CallerContext["agents"]>): Promise<CallerInput> => {
    const line = agents.switchboard.line(callSid);
    queuedAtMs ||= Date.now();
    await Promise.race([line.connected, sleep(WAIT_LOOP_MS)]);
    if (line.isConnected) {
      flags.answered = true;
      await Promise.race([line.ended, sleep(MAX_TALK_MS)]);
      return hangup;
    }
    return Date.now() - queuedAtMs > agents.patienceMs ? { digits: "1" } : { silence: true };
  };
  let unknownPrompt = "";
  let answers = 0;
  let postcodeTries = 0;
  let codeTries = 0;
  const hangup: CallerInput = { hangup: true };
  const giveUp = () => ((flags.gaveUp = true), hangup);
  const fullHeard = async (kind: FullCheck["kind"], name: string) => {
    let free = NOT_FOUND;
    if (ctx.checkFull) free = await ctx.checkFull(kind, name).catch(() => UNCHECKED);
    rec.fullChecks.push({ kind, name, free });
  };
  const decide = async (prompt: CallerPrompt): Promise<CallerInput> => {
    const text = prompt.text;
    if (ctx.agents && /Wenn Sie nicht warten möchten/.test(text)) return waitForAgent(ctx.agents);
    if (++answers > MAX_ANSWERS) {
      unknownPrompt = `more than ${MAX_ANSWERS} prompts; last: ${text.slice(0, 160)}`;
      return hangup;
    }
    if (/Buchungssystem ist gerade gestört|Sollen wir Sie unter der Nummer/.test(text)) return { digits: "1" };
    if (BOOKED.test(text)) {
      const spoken = CODE_SPOKEN.exec(text)?.[1]
        ?.replace(/zwo/g, "2")
        .replace(/[^0-9]/g, "");
      if (spoken?.length === 12) {
        rec.bookedCodes.push(spoken);
        ctx.codePool.push({
          keypad: spoken,
          birthDate: `${pad(plan.born.day)}${pad(plan.born.month)}${plan.born.year}`,
        });
      } else unknownPrompt = `booked, but no code heard: ${text.slice(0, 200)}`;
      rec.bookedAtMs = Date.now();
      return { digits: "3" };
    }
    if (/Ich fasse zusammen/.test(text)) return { digits: "1" };
    if (/Vor- und Nachnamen/.test(text)) return { speech: spokenNameOf(plan.from) };
    if (prompt.kind === "record") return { recording: { seconds: 3, endedBy: "#" } };
    // A code holder is asked for the booked person's birth date before anything is read out.
    if (/Zu Ihrem Schutz/.test(text) && plan.code) return { digits: plan.code.birthDate };
    if (/Geburtsdatum der Person/.test(text))
      return { digits: `${pad(plan.born.day)}${pad(plan.born.month)}${plan.born.year}` };
    const region = /Im Gebiet der (.+?) sind im Moment alle Impftermine vergeben/.exec(text);
    if (region) {
      flags.regionFull = true;
      await fullHeard("region", region[1]!);
      return { digits: "1" }; // the waiting list's offer follows in the same prompt: registered
    }
    // Registering on the waiting list (region full): the street, whose number, the number read out.
    if (/Straße und Hausnummer/.test(text)) return { speech: "Lindenstraße 1" };
    if (/einen Rollstuhl, drücken Sie die 1/.test(text)) return { digits: "3" };
    if (/Ist das Ihre eigene Nummer/.test(text)) return { digits: "1" };
    if (/Registriernummer/.test(text)) {
      return { digits: "2" };
    }
    const centre = /Im (.+?) sind zurzeit alle Termine vergeben/.exec(text);
    if (centre) {
      await fullHeard("centre", centre[1]!);
      // A person gives up after the third "full" (an alternative they chose was full by then).
      if (plan.declineAlternative || rec.fullChecks.filter((c) => c.kind === "centre").length >= 3) {
        flags.declined = true;
        return hangup;
      }
      return { digits: "1" };
    }
    if (/Wir können Sie zurückrufen|Wenn Sie nicht warten möchten|nächste freie Termin/.test(text))
      return { digits: "1" };
    if (/Geimpft werden zurzeit/.test(text)) {
      flags.notEligible = true;
      return { digits: "2" };
    }
    if (
      /zwölf Ziffern Ihres Buchungscodes|Dieser Buchungscode stimmt nicht|finde ich keine Termine/.test(text) &&
      plan.code
    ) {
      if (++codeTries > 3) return hangup;
      return { digits: codeTries === 1 && plan.code.mistypeFirst ? mistype(plan.code.keypad) : plan.code.keypad };
    }
    if (/Ihre Termine im /.test(text)) {
      flags.codeHeard = true;
      return hangup;
    }
    if (/Postleitzahl/.test(text)) {
      if (plan.persona === "hangup" && plan.hangupAt === "postcode") return giveUp();
      if (++postcodeTries > 3) return hangup;
      const wrong = plan.persona === "wrong-postcode" && postcodeTries === 1;
      return { digits: wrong ? `00${plan.postcode.slice(2)}` : plan.postcode };
    }
    if (/Geburtsjahr/.test(text)) {
      if (plan.persona === "hangup" && plan.hangupAt === "birth-year") return giveUp();
      return { digits: String(plan.born.year) };
    }
    if (/Wenn Sie (schon )?einen Buchungscode haben/.test(text)) {
      if (plan.persona === "hangup") return giveUp();
      return { digits: plan.persona === "operator" ? "0" : plan.persona === "code" ? "1" : "2" };
    }
    if (/Mit der Null erreichen Sie/.test(text)) return { silence: true };
    unknownPrompt = text.slice(0, 300);
    return hangup;
  };
  const emulator = new CallEmulator({
    baseUrl: ctx.baseUrl,
    authToken: AUTH_TOKEN,
    callSid,
    from: plan.from,
    fetch: ctx.fetch,
    maxWaitLoops: ctx.agents ? Math.ceil(ctx.agents.patienceMs / WAIT_LOOP_MS) + 5 : 3,
    caller: {
      answer: async (prompt) => {
        if (ctx.thinkMs > 0) await sleep(ctx.thinkMs * (0.5 + Math.random()));
        return decide(prompt);
      },
    },
  });
  let state = "failed";
  try {
    state = await emulator.run();
  } catch (error) {
    const kind =
      error instanceof WebhookError
        ? error.kind === "http"
          ? `http_${error.status ?? "?"}`
          : `emulator_${error.kind}`
        : "exception";
    rec.error = { kind, message: (error instanceof Error ? error.message : String(error)).slice(0, 400) };
    rec.busyTone = `no TwiML answer: ${kind}`;
  }
  rec.endedMs = Date.now();
  ctx.agents?.switchboard.hungUp(callSid);
  const events = emulator.events;
  const spoken = emulator.spokenText();
  rec.apologies = events.filter((e) => e.type === "say" && APOLOGY.test(e.text)).length;
  rec.callbackHeard = /Ihr Rückrufwunsch ist gespeichert|bereits ein Rückruf vorgemerkt/.test(spoken);
  rec.waitlistHeard = /Sie stehen jetzt auf der Warteliste|steht schon auf der Warteliste/.test(spoken);
  rec.fallbackHeard = /Ihre Nummer ist gespeichert/.test(spoken);
  const end = events.findLast((e) => e.type === "hangup");
  if (end?.type === "hangup" && !rec.busyTone) {
    if (end.by === "reject") rec.busyTone = "<Reject>";
    else if (end.by === "twiml" || end.by === "end-of-twiml") {
      const lastInput = events.map((e) => e.type).lastIndexOf("input");
      const closing = events.slice(lastInput + 1).some((e) => e.type === "say" && CLOSING.test(e.text));
      if (!closing)
        rec.busyTone = `server ended the call (${end.by}) without a closing prompt; last said: ${spoken.slice(-160)}`;
    }
  }
  if (!rec.error && state === "queued") rec.busyTone = "left waiting in the queue";
  rec.outcome = outcomeOf(rec, flags);
  if (rec.apologies > 0 || rec.error || rec.busyTone || rec.outcome === "other") {
    rec.trail = events.flatMap((e) =>
      e.type === "say"
        ? [`"${e.text.slice(0, 70)}"`]
        : e.type === "input"
          ? [`> ${JSON.stringify(e.input)}`]
          : e.type === "request"
            ? [`${e.url.replace(/^https?:\/\/[^/]+/, "")} ${e.status}`]
            : [],
    );
  }
  if (rec.outcome === "other" && !rec.error)
    rec.error = {
      kind: "unexpected_prompt",
      message: unknownPrompt || `call ended as ${state}: ${spoken.slice(-200)}`,
    };
  return rec;
}

function outcomeOf(
  rec: CallRecord,
  flags: Record<"regionFull" | "declined" | "codeHeard" | "notEligible" | "gaveUp" | "answered", boolean>,
): Outcome {
  if (rec.bookedCodes.length > 0) return "booked";
  if (flags.answered) return "answeredByAgent";
  if (rec.fallbackHeard) return "fallbackCallback";
  // A full region: registered on the waiting list (or, silent at that offer, a callback kept).
  if (flags.regionFull && (rec.waitlistHeard || rec.callbackHeard)) return "regionFull";
  if (rec.callbackHeard) return "callbackRegistered";
  if (flags.declined) return "fullWithAlternative";
  if (flags.codeHeard) return "codeHeard";
  if (flags.notEligible) return "notEligible";
  return flags.gaveUp ? "gaveUp" : "other";
}

/** Calls per outcome, every outcome named (0 when none). */
export function countOutcomes(records: readonly CallRecord[]): Record<Outcome, number> {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of records) outcomes[r.outcome]++;
  return outcomes;
}

/** What the callers heard, for verifyHeard(). */
export const heardBy = (records: readonly CallRecord[]) => ({
  bookedCodes: records.flatMap((r) => r.bookedCodes),
  callbackPhones: records.filter((r) => r.callbackHeard).map((r) => r.plan.from),
  fallbackPhones: records.filter((r) => r.fallbackHeard).map((r) => r.plan.from),
});
