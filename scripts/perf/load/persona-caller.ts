// Emulated callers of bench:launch and the mid-run faults: the project's CallEmulator with a
// caller that reacts to what it hears (full centres, apologies, the fallback) instead of a script.
// Mix: see MIX; "hangup" callers leave at the first menu, before any pair is held, so no hold is
// ever given back by a hang-up, which keeps the "region full" check exact.
//
// A BUSY TONE: a <Reject>, a webhook without a TwiML answer, or the SERVER ending the call when the
// caller had not heard a closing prompt since their last input. The caller hanging up never is.
import { randomBytes } from "node:crypto";
import { CallEmulator, WebhookError, type CallerInput, type CallerPrompt } from "../../phone/call-emulator.ts";
import { sleep } from "../harness/command.ts";
import { AUTH_TOKEN } from "../harness/server.ts";
import type { Switchboard } from "./emulated-agents.ts";

export type Persona = "book" | "wrong-postcode" | "under-80" | "operator" | "hangup";
export const MIX: readonly (readonly [Persona, number])[] = [
  ["book", 0.78],
  ["wrong-postcode", 0.07],
  ["under-80", 0.05],
  ["operator", 0.05], // presses 0: takes the callback, or waits for an emulated agent
  ["hangup", 0.05],
];

export const OUTCOMES = [
  "booked",
  "answeredByAgent",
  "callbackRegistered",
  "regionFull",
  "fullWithAlternative",
  "notEligible",
  "fallbackCallback",
  "gaveUp",
  "other",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One "full" answer and the free pairs the ledger had right after the caller heard it. */
export interface FullCheck {
  kind: "centre" | "region";
  name: string;
  free: number;
}
export const NOT_FOUND = -1; // the name matched no centre or region
export const UNCHECKED = -2; // the bench's probe failed

/** What one call did and heard; placePersonaCall fills it in. */
function newRecord(plan: CallerPlan) {
  return {
    plan,
    outcome: "other" as Outcome,
    /** Codes (12 keypad digits) heard after "Ihre Termine sind gebucht". */
    bookedCodes: [] as string[],
    callbackHeard: false,
    waitlistHeard: false,
    /** Heard the fallback's "Ihre Nummer ist gespeichert" (journal, replayed later). */
    fallbackHeard: false,
    apologies: 0,
    busyTone: null as string | null,
    error: null as { kind: string; message: string } | null,
    fullChecks: [] as FullCheck[],
    startedMs: Date.now(),
    endedMs: 0,
    /** Wall-clock ms when the caller heard "gebucht" (the faults' recovery times). */
    bookedAtMs: null as number | null,
  };
}
export type CallRecord = ReturnType<typeof newRecord>;

export interface CallerContext {
  baseUrl: string;
  fetch: typeof fetch;
  /** Mean pause before each answer, ms (±50 %). */
  thinkMs: number;
  /** Reads the ledger right after a "full" answer (bench:launch). */
  checkFull?: (kind: FullCheck["kind"], name: string) => Promise<number>;
  /** Emulated agents: a queued caller waits up to patienceMs for one, else presses 1 for a callback. */
  agents?: { switchboard: Switchboard; patienceMs: number };
}

const pad = (n: number) => String(n).padStart(2, "0");
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const press = (digits: string): CallerInput => ({ digits });
const HANGUP: CallerInput = { hangup: true };

function drawPersona(): Persona {
  let r = Math.random();
  for (const [persona, share] of MIX) if ((r -= share) < 0) return persona;
  return "book";
}

/** A unique German mobile number per serial (up to 90 million callers). */
export const mobileNumberOf = (serial: number) => `+49151${String(10_000_000 + (serial % 90_000_000))}`;

/** A name unique to the number, letters only: the ledger takes name + birth date + postcode as one person. */
export function spokenNameOf(phone: string): string {
  const tail = phone.slice(-8).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
  return `Erika ${tail[0]!.toUpperCase()}${tail.slice(1)}`;
}

/**
 * A caller with a unique German mobile number (a mobile gets an SMS: no letter, no street asked);
 * declineAlternative: hearing "centre full, but centre Y has pairs", hang up instead of taking Y.
 */
export function drawCaller(serial: number, postcodes: readonly string[], persona = drawPersona()) {
  const under = persona === "under-80";
  const from = Date.UTC(under ? 1950 : 1921, 0, 1);
  const days = Math.round((Date.UTC(under ? 1990 : 1940, 11, 31) - from) / 86_400_000) + 1;
  const born = new Date(from + Math.floor(Math.random() * days) * 86_400_000);
  return {
    persona,
    from: mobileNumberOf(serial),
    postcode: pick(postcodes),
    born: { year: born.getUTCFullYear(), month: born.getUTCMonth() + 1, day: born.getUTCDate() },
    declineAlternative: Math.random() < 0.5,
  };
}
export type CallerPlan = ReturnType<typeof drawCaller>;

const CLOSING = /Auf Wiederhören|rufen Sie .{0,60}wieder an|Wir buchen nur für|Ihre Nummer ist gespeichert/;
export const APOLOGY = /technisches Problem|Buchungssystem ist (gerade gestört|im Moment nicht erreichbar)/;
/** The code as the menu reads it: keypad digits in groups of three, "zwo" for 2. */
const CODE_SPOKEN = /(?:Er lautet|Buchungscode):\s*((?:[2-9]|zwo)(?:[,.\s]+(?:[2-9]|zwo)){11})/;
const MAX_ANSWERS = 40;
const WAIT_LOOP_MS = 5_000; // a queued caller hears the wait loop again after this long
const MAX_TALK_MS = 300_000; // a conversation the agent never ends

type Flag = "regionFull" | "declined" | "notEligible" | "gaveUp" | "answered";

/** Places one call and classifies it; never throws. */
export async function placePersonaCall(ctx: CallerContext, plan: CallerPlan): Promise<CallRecord> {
  const rec = newRecord(plan);
  const flags = new Set<Flag>();
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const birthDate = `${pad(plan.born.day)}${pad(plan.born.month)}${plan.born.year}`;
  let unknownPrompt = "";
  let answers = 0;
  let postcodeTries = 0;
  let queuedAtMs = 0;

  const waitForAgent = async (agents: NonNullable<CallerContext["agents"]>): Promise<CallerInput> => {
    const line = agents.switchboard.line(callSid);
    queuedAtMs ||= Date.now();
    await Promise.race([line.connected, sleep(WAIT_LOOP_MS)]);
    if (!line.isConnected) return Date.now() - queuedAtMs > agents.patienceMs ? press("1") : { silence: true };
    flags.add("answered");
    await Promise.race([line.ended, sleep(MAX_TALK_MS)]);
    return HANGUP;
  };
  const fullHeard = async (kind: FullCheck["kind"], name: string) => {
    const free = ctx.checkFull ? await ctx.checkFull(kind, name).catch(() => UNCHECKED) : NOT_FOUND;
    rec.fullChecks.push({ kind, name, free });
  };
  const flag = (f: Flag, answer: CallerInput) => (flags.add(f), answer);
  const hangsUp = plan.persona === "hangup";

  // The first rule whose pattern matches answers; the order matters.
  const decide = async (prompt: CallerPrompt): Promise<CallerInput> => {
    if (ctx.thinkMs > 0) await sleep(ctx.thinkMs * (0.5 + Math.random()));
    const text = prompt.text;
    if (ctx.agents && /Wenn Sie nicht warten möchten/.test(text)) return waitForAgent(ctx.agents);
    if (++answers > MAX_ANSWERS) {
      unknownPrompt = `more than ${MAX_ANSWERS} prompts; last: ${text.slice(0, 160)}`;
      return HANGUP;
    }
    if (/Buchungssystem ist gerade gestört|Sollen wir Sie unter der Nummer/.test(text)) return press("1");
    if (/Ihre Termine sind gebucht/.test(text)) {
      const code = CODE_SPOKEN.exec(text)?.[1]
        ?.replace(/zwo/g, "2")
        .replace(/[^0-9]/g, "");
      if (code?.length === 12) rec.bookedCodes.push(code);
      else unknownPrompt = `booked, but no code heard: ${text.slice(0, 200)}`;
      rec.bookedAtMs = Date.now();
      return press("3");
    }
    if (/Ich fasse zusammen/.test(text)) return press("1");
    if (/Vor- und Nachnamen/.test(text)) return { speech: spokenNameOf(plan.from) };
    if (prompt.kind === "record") return { recording: { seconds: 3, endedBy: "#" } };
    if (/Geburtsdatum der Person/.test(text)) return press(birthDate);
    const region = /Im Gebiet der (.+?) sind im Moment alle Impftermine vergeben/.exec(text);
    if (region) {
      await fullHeard("region", region[1]!);
      return flag("regionFull", press("1")); // the waiting list's offer follows in the same prompt
    }
    // Registering on the waiting list: the street, no wheelchair, own number, no registration number.
    if (/Straße und Hausnummer/.test(text)) return { speech: "Lindenstraße 1" };
    if (/einen Rollstuhl, drücken Sie die 1/.test(text)) return press("3");
    if (/Ist das Ihre eigene Nummer/.test(text)) return press("1");
    if (/Registriernummer/.test(text)) return press("2");
    const centre = /Im (.+?) sind zurzeit alle Termine vergeben/.exec(text);
    if (centre) {
      await fullHeard("centre", centre[1]!);
      // A person gives up after the third "full" (an alternative they chose was full by then).
      const fulls = rec.fullChecks.filter((c) => c.kind === "centre").length;
      return plan.declineAlternative || fulls >= 3 ? flag("declined", HANGUP) : press("1");
    }
    if (/Wir können Sie zurückrufen|Wenn Sie nicht warten möchten|nächste freie Termin/.test(text)) return press("1");
    if (/Geimpft werden zurzeit/.test(text)) return flag("notEligible", press("2"));
    if (/Postleitzahl/.test(text)) {
      if (hangsUp) return flag("gaveUp", HANGUP);
      if (++postcodeTries > 3) return HANGUP;
      const wrong = plan.persona === "wrong-postcode" && postcodeTries === 1;
      return press(wrong ? `00${plan.postcode.slice(2)}` : plan.postcode);
    }
    if (/Geburtsjahr/.test(text)) return hangsUp ? flag("gaveUp", HANGUP) : press(`${plan.born.year}`);
    if (/Wenn Sie (schon )?einen Buchungscode haben/.test(text)) {
      if (hangsUp) return flag("gaveUp", HANGUP);
      return press(plan.persona === "operator" ? "0" : "2");
    }
    if (/Mit der Null erreichen Sie/.test(text)) return { silence: true };
    unknownPrompt = text.slice(0, 300);
    return HANGUP;
  };

  const emulator = new CallEmulator({
    baseUrl: ctx.baseUrl,
    authToken: AUTH_TOKEN,
    callSid,
    from: plan.from,
    fetch: ctx.fetch,
    maxWaitLoops: ctx.agents ? Math.ceil(ctx.agents.patienceMs / WAIT_LOOP_MS) + 5 : 3,
    caller: { answer: decide },
  });
  let state = "failed";
  try {
    state = await emulator.run();
  } catch (error) {
    const kind = !(error instanceof WebhookError)
      ? "exception"
      : error.kind === "http"
        ? `http_${error.status ?? "?"}`
        : `emulator_${error.kind}`;
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
    const lastInput = events.map((e) => e.type).lastIndexOf("input");
    const closing = events.slice(lastInput + 1).some((e) => e.type === "say" && CLOSING.test(e.text));
    if (end.by === "reject") rec.busyTone = "<Reject>";
    else if ((end.by === "twiml" || end.by === "end-of-twiml") && !closing)
      rec.busyTone = `server ended the call (${end.by}) without a closing prompt; last said: ${spoken.slice(-160)}`;
  }
  if (!rec.error && state === "queued") rec.busyTone = "left waiting in the queue";
  rec.outcome = outcomeOf(rec, flags);
  if (rec.outcome === "other" && !rec.error) {
    const message = unknownPrompt || `call ended as ${state}: ${spoken.slice(-200)}`;
    rec.error = { kind: "unexpected_prompt", message };
  }
  return rec;
}

function outcomeOf(rec: CallRecord, flags: ReadonlySet<Flag>): Outcome {
  if (rec.bookedCodes.length > 0) return "booked";
  if (flags.has("answered")) return "answeredByAgent";
  if (rec.fallbackHeard) return "fallbackCallback";
  // A full region: registered on the waiting list (or, silent at that offer, a callback kept).
  if (flags.has("regionFull") && (rec.waitlistHeard || rec.callbackHeard)) return "regionFull";
  if (rec.callbackHeard) return "callbackRegistered";
  if (flags.has("declined")) return "fullWithAlternative";
  if (flags.has("notEligible")) return "notEligible";
  return flags.has("gaveUp") ? "gaveUp" : "other";
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
