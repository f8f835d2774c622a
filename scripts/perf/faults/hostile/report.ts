// fault:hostile's report: the pass/fail table per category, statuses, the findings worth
// reading, the server log, and the totals the JSON line carries.
import { sum, table } from "../../harness/stats.ts";
import type { AttackResult, Tally } from "./attack.ts";
import { FATAL, isFatal, type Problem } from "./judge.ts";
import type { LogScan } from "./log-scan.ts";
import { CATEGORIES, type Category } from "./request.ts";

const n = (t: Tally, p: Problem) => t.problems[p] ?? 0;
const statusClass = (t: Tally, cls: string) =>
  sum(Object.entries(t.statuses).map(([s, c]) => (s.startsWith(cls) ? c : 0)));
const categories = Object.keys(CATEGORIES) as Category[];

export function categoryTable(result: AttackResult): string {
  return table(categories, {
    category: (c) => `${c}  ${CATEGORIES[c]}`,
    requests: (c) => result.byCategory[c].requests,
    "2xx": (c) => statusClass(result.byCategory[c], "2"),
    "4xx": (c) => statusClass(result.byCategory[c], "4"),
    "5xx": (c) => statusClass(result.byCategory[c], "5"),
    reset: (c) => {
      const t = result.byCategory[c];
      return t.requests - statusClass(t, "2") - statusClass(t, "4") - statusClass(t, "5");
    },
    "bad TwiML": (c) => n(result.byCategory[c], "invalidTwiml"),
    "sig not 403": (c) => n(result.byCategory[c], "wrongSignatureNot403"),
    "body leaks": (c) => n(result.byCategory[c], "leak"),
    injected: (c) => n(result.byCategory[c], "injection"),
    unanswered: (c) => n(result.byCategory[c], "noAnswer"),
    warnings: (c) =>
      sum((["unexpectedStatus", "reflected", "apology"] as const).map((p) => n(result.byCategory[c], p))),
    result: (c) => (sum(FATAL.map((p) => n(result.byCategory[c], p))) === 0 ? "PASS" : "FAIL"),
  });
}

export const statusLines = (result: AttackResult) =>
  categories.map((c) => {
    const t = result.byCategory[c];
    const statuses = Object.entries(t.statuses).sort((a, b) => b[1] - a[1]);
    const mean = t.requests ? Math.round(t.totalMs / t.requests) : 0;
    return `  ${c}: ${statuses.map(([k, v]) => `${k}×${v}`).join(" ") || "-"}  (mean ${mean} ms)`;
  });

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
