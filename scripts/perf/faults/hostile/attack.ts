// Runs the hostile requests with bounded concurrency until N are sent or the deadline passes,
// with real calls started at even intervals among them, and tallies every answer.
import { randomInt } from "node:crypto";
import { CallEmulator, ScriptedCaller } from "../../../phone/call-emulator.ts";
import { AUTH_TOKEN } from "../../harness/hotline.ts";
import { badSignature, huge, wrongContentType } from "./broken.ts";
import { isFatal, judge, type Problem } from "./judge.ts";
import { MARKER_PHONE } from "./payloads.ts";
import { RawClient, type RawResponse } from "./raw-client.ts";
import { CATEGORIES, type Category, type Hostile, type Target } from "./request.ts";
import { garbage, injection, missing, unknownCall } from "./signed.ts";

/** How often each category is drawn, and how it builds its requests (several: one call's webhooks in order). */
const BUILDERS: Record<Category, [number, (t: Target) => Hostile[]]> = {
  a: [20, (t) => [garbage(t)]],
  b: [12, (t) => [missing(t)]],
  c: [15, (t) => [unknownCall(t)]],
  d: [18, injection],
  e: [5, (t) => [huge(t)]],
  f: [18, (t) => [badSignature(t)]],
  g: [12, (t) => [wrongContentType(t)]],
};

function nextJob(t: Target): Hostile[] {
  let r = randomInt(Object.values(BUILDERS).reduce((n, [w]) => n + w, 0));
  const [, build] = Object.values(BUILDERS).find(([w]) => (r -= w) < 0)!;
  return build(t);
}

export interface Sample {
  variant: string;
  path: string;
  status: number;
  detail: string;
  headers: Record<string, string>;
  body: string;
}

export interface Tally {
  requests: number;
  totalMs: number;
  statuses: Record<string, number>;
  problems: Partial<Record<Problem, number>>;
  variants: Record<string, number>;
  /** Problems by variant, for the JSON file. */
  variantProblems: Record<string, Record<string, number>>;
}

const bump = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);

export async function attack(
  t: Target,
  o: { requests: number; concurrency: number; calls: number; deadline: number; stopped: () => boolean },
  progress: (line: string) => void,
) {
  const client = new RawClient(t.port);
  const byCategory = Object.fromEntries(
    Object.keys(CATEGORIES).map((c) => [
      c,
      { requests: 0, totalMs: 0, statuses: {}, problems: {}, variants: {}, variantProblems: {} },
    ]),
  ) as Record<Category, Tally>;
  const samples: Record<string, Sample[]> = {};
  const calls: Promise<RealCall>[] = [];
  let sent = 0;
  let answered = 0;
  let maxMs = 0;
  let timedOut = false;
  const started = performance.now();
  const record = (req: Hostile, res: RawResponse) => {
    const tally = byCategory[req.category];
    tally.requests++;
    tally.totalMs += res.ms;
    maxMs = Math.max(maxMs, res.ms);
    bump(tally.statuses, String(res.status || res.error?.slice(0, 40) || "no answer"));
    bump(tally.variants, req.variant);
    const { problems, detail } = judge(req, res);
    const unique = [...new Set(problems)];
    for (const p of unique) {
      bump(tally.problems as Record<string, number>, p);
      bump((tally.variantProblems[req.variant] ??= {}), p);
    }
    if (unique.length === 0) return;
    // One sample list per variant and combination of problems (a 500 to a bad signature is both).
    const list = (samples[`${unique.join("+")} ${req.variant}`] ??= []);
    if (list.length >= (unique.some(isFatal) ? 3 : 1)) return;
    const body = req.body === undefined ? "" : Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : req.body;
    const shortBody = body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body;
    list.push({
      variant: req.variant,
      path: req.path,
      status: res.status,
      detail: detail.slice(0, 800),
      headers: req.headers,
      body: shortBody,
    });
  };
  const callEvery = o.requests / (o.calls + 1);
  const worker = async () => {
    while (sent < o.requests && !o.stopped()) {
      if (Date.now() > o.deadline) {
        timedOut = true;
        return;
      }
      const job = nextJob(t).slice(0, o.requests - sent);
      sent += job.length;
      while (calls.length < o.calls && sent >= (calls.length + 1) * callEvery) calls.push(realCall(t.baseUrl));
      for (const req of job) {
        record(req, await client.send(req));
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (++answered % 1000 === 0)
          progress(`  ${answered} answered, ${calls.length} real calls started, ${seconds} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  // The attack ended early: still prove the service works.
  while (calls.length < o.calls && !o.stopped()) calls.push(realCall(t.baseUrl));
  const realCalls = await Promise.all(calls);
  client.close();
  const requests = Object.values(byCategory).reduce((n, c) => n + c.requests, 0);
  return {
    requests,
    byCategory,
    samples,
    realCalls,
    timedOut,
    seconds: (performance.now() - started) / 1000,
    maxMs: Math.round(maxMs),
  };
}
export type AttackResult = Awaited<ReturnType<typeof attack>>;

export interface RealCall {
  ok: boolean;
  ms: number;
  requests: number;
  error?: string;
}

/** A real short call through the CallEmulator: greeting (silence), 2 = book, birth year, postcode, hang up at the offer. */
async function realCall(baseUrl: string): Promise<RealCall> {
  const started = performance.now();
  const script = new ScriptedCaller([
    "silence",
    { expect: /drücken Sie die 2/, answer: "2" },
    { expect: /Geburtsjahr/, answer: "1938" },
    { expect: /Postleitzahl/, answer: "33330" },
    { expect: /nächste freie Termin/, answer: "hangup" },
  ]);
  let apology = "";
  const answer = (prompt: Parameters<ScriptedCaller["answer"]>[0]) => {
    if (prompt.text.includes("technisches Problem")) apology = prompt.text.slice(0, 200);
    return script.answer(prompt);
  };
  const call = new CallEmulator({ baseUrl, authToken: AUTH_TOKEN, from: MARKER_PHONE, caller: { answer } });
  const result = (error?: string): RealCall => ({
    ok: !error,
    ms: Math.round(performance.now() - started),
    requests: call.requests.length,
    error,
  });
  try {
    const state = await call.run();
    script.assertFinished();
    const bad = call.httpStatuses.filter((s) => s !== 200 && s !== 204);
    if (state !== "completed") return result(`call ended in state ${state}`);
    if (bad.length > 0) return result(`HTTP ${bad.join(", ")}`);
    return result(apology ? `apology heard: ${apology}` : undefined);
  } catch (error) {
    return result(error instanceof Error ? error.message.slice(0, 500) : String(error));
  }
}
