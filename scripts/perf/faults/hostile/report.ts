// fault:hostile's report: the findings worth reading, the server log, and the totals the JSON line
// carries (statuses and problems per category are in the JSON line's byCategory).
import { sum } from "../../harness/stats.ts";
import type { AttackResult, Tally } from "./attack.ts";
import { isFatal, type Problem } from "./judge.ts";
import type { LogScan } from "./log-scan.ts";

const n = (t: Tally, p: Problem) => t.problems[p] ?? 0;

/** The headers worth showing: everything but the usual form type and user agent. */
const unusual = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([k, v]) =>
        k !== "User-Agent" &&
        !(k === "Content-Type" && v.startsWith("application/x-www-form-urlencoded; charset=UTF-8")),
    ),
  );

export const sampleLines = (result: AttackResult, fatal: boolean) =>
  Object.entries(result.samples)
    .filter(([key]) => key.split(" ")[0]!.split("+").some(isFatal) === fatal)
    .flatMap(([key, list]) => [
      `  ${key}:`,
      ...list.map(
        (s) =>
          `    POST ${s.path.slice(0, 160)} -> ${s.status}: ${s.detail.slice(0, 300)}\n      headers ${JSON.stringify(unusual(s.headers)).slice(0, 300)}\n      body ${JSON.stringify(s.body.slice(0, 160))}`,
      ),
    ]);

export function logLines(scan: LogScan): string[] {
  return [
    `  ${scan.lines} log lines, ${scan.nonJsonLines} not pino JSON, ${scan.leakLines} with a marker`,
    ...scan.leaks.map(
      (l) =>
        `  LEAK ${l.kind} "${l.marker}" x${l.count} in msg "${l.msg}" at key ${l.key}\n    ${l.sample.slice(0, 500)}`,
    ),
    ...scan.echoes.map((l) => `  echo (not personal data) "${l.marker}" x${l.count} in msg "${l.msg}" at key ${l.key}`),
    ...scan.problems.slice(0, 12).map((p) => `  ${p.count}× ${p.key}`),
  ];
}

export function totals(result: AttackResult) {
  const total = (p: Problem) => sum(Object.values(result.byCategory).map((t) => n(t, p)));
  return {
    serverErrors: total("serverError"),
    invalidTwiml: total("invalidTwiml"),
    wrongSignatureNot403: total("wrongSignatureNot403"),
    leaks: total("leak"),
    injections: total("injection"),
    noAnswer: total("noAnswer"),
    warnings: {
      unexpectedStatus: total("unexpectedStatus"),
      reflected: total("reflected"),
      apologies: total("apology"),
    },
  };
}
