// Runs the hostile requests with bounded concurrency until N are sent or the deadline passes,
// with the real calls started at even intervals among them, and tallies every answer.
import { randomInt } from "node:crypto";
import { badSignature, huge, wrongContentType } from "./build-broken.ts";
import { garbage, injection, missing, unknownCall } from "./build-signed.ts";
import { FATAL, judge, type Problem } from "./checks.ts";
import { RawClient } from "./http-client.ts";
import { realCall, type RealCallResult } from "./real-calls.ts";
import { CATEGORIES, type Category, type Hostile, type Job, type Target } from "./types.ts";

const WEIGHTS: [Category, number][] = [
  ["a", 20],
  ["b", 12],
  ["c", 15],
  ["d", 18],
  ["e", 5],
  ["f", 18],
  ["g", 12],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, w]) => n + w, 0);

function nextJob(t: Target): Job {
  let r = randomInt(TOTAL_WEIGHT);
  const category = WEIGHTS.find(([, w]) => (r -= w) < 0)![0];
  switch (category) {
    case "a":
      return [garbage(t)];
    case "b":
      return [missing(t)];
    case "c":
      return [unknownCall(t)];
    case "d":
      return injection(t);
    case "e":
      return [huge(t)];
    case "f":
      return [badSignature(t)];
    case "g":
      return [wrongContentType(t)];
  }
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

export interface AttackResult {
  requests: number;
  byCategory: Record<Category, Tally>;
  samples: Record<string, Sample[]>;
  realCalls: RealCallResult[];
  timedOut: boolean;
  seconds: number;
  maxMs: number;
}

export interface AttackOptions {
  requests: number;
  concurrency: number;
  calls: number;
  deadline: number;
  /** Set by SIGINT: stop issuing. */
  stopped: () => boolean;
}

const bump = (record: Record<string, number>, key: string) => (record[key] = (record[key] ?? 0) + 1);

export async function attack(t: Target, opts: AttackOptions, progress: (line: string) => void): Promise<AttackResult> {
  const client = new RawClient(t.port);
  const byCategory = Object.fromEntries(
    Object.keys(CATEGORIES).map((c) => [
      c,
      { requests: 0, totalMs: 0, statuses: {}, problems: {}, variants: {}, variantProblems: {} },
    ]),
  ) as Record<Category, Tally>;
  const samples: Record<string, Sample[]> = {};
  const calls: Promise<RealCallResult>[] = [];
  let sent = 0;
  let answered = 0;
  let maxMs = 0;
  let timedOut = false;
  const started = performance.now();
  const callEvery = opts.requests / (opts.calls + 1);

  const record = (req: Hostile, res: Awaited<ReturnType<RawClient["send"]>>) => {
    const tally = byCategory[req.category];
    tally.requests++;
    bump(tally.statuses, String(res.status || res.error?.slice(0, 40) || "no answer"));
    bump(tally.variants, req.variant);
    maxMs = Math.max(maxMs, res.ms);
    tally.totalMs += res.ms;
    const { problems, detail } = judge(req, res);
    const unique = [...new Set(problems)];
    for (const p of unique) {
      tally.problems[p] = (tally.problems[p] ?? 0) + 1;
      bump((tally.variantProblems[req.variant] ??= {}), p);
    }
    if (unique.length > 0) {
      // One sample list per variant and combination of problems (a 500 to a bad signature is both).
      const key = `${unique.join("+")} ${req.variant}`;
      const list = (samples[key] ??= []);
      if (list.length < (unique.some((p) => FATAL.has(p)) ? 3 : 1)) {
        const body = req.body === undefined ? "" : Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : req.body;
        list.push({
          variant: req.variant,
          path: req.path,
          status: res.status,
          detail: detail.slice(0, 800),
          headers: req.headers,
          body: body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body,
        });
      }
    }
  };

  const worker = async () => {
    while (sent < opts.requests && !opts.stopped()) {
      if (Date.now() > opts.deadline) {
        timedOut = true;
        return;
      }
      const job = nextJob(t).slice(0, opts.requests - sent);
      sent += job.length;
      while (calls.length < opts.calls && sent >= (calls.length + 1) * callEvery) calls.push(realCall(t.baseUrl));
      for (const req of job) {
        record(req, await client.send(req));
        if (++answered % 1000 === 0)
          progress(
            `  ${answered} answered, ${calls.length} real calls started, ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  while (calls.length < opts.calls && !opts.stopped()) calls.push(realCall(t.baseUrl)); // the attack ended early: still prove the service works
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
