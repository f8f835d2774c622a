// The pass/fail table per category, the findings worth reading, and the one-line JSON.
import type { AttackResult, Tally } from "./attack.ts";
import { FATAL, type Problem } from "./checks.ts";
import type { LogScan } from "./log-scan.ts";
import { CATEGORIES, type Category } from "./types.ts";

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const n = (t: Tally, p: Problem) => t.problems[p] ?? 0;
const fatalCount = (t: Tally) => [...FATAL].reduce((sum, p) => sum + n(t, p), 0);
const statusClass = (t: Tally, cls: string) =>
  Object.entries(t.statuses)
    .filter(([s]) => s.startsWith(cls))
    .reduce((sum, [, c]) => sum + c, 0);

export function categoryTable(result: AttackResult): string {
  const rows = (Object.keys(CATEGORIES) as Category[]).map((c) => {
    const t = result.byCategory[c];
    const other = t.requests - statusClass(t, "2") - statusClass(t, "4") - statusClass(t, "5");
    return [
      `${c}  ${CATEGORIES[c]}`,
      t.requests,
      statusClass(t, "2"),
      statusClass(t, "4"),
      statusClass(t, "5"),
      other,
      n(t, "invalidTwiml"),
      n(t, "wrongSignatureNot403"),
      n(t, "leak"),
      n(t, "injection"),
      n(t, "noAnswer"),
      n(t, "unexpectedStatus") + n(t, "reflected") + n(t, "apology"),
      fatalCount(t) === 0 ? "PASS" : "FAIL",
    ];
  });
  return table(
    [
      "category",
      "requests",
      "2xx",
      "4xx",
      "5xx",
      "reset",
      "bad TwiML",
      "sig not 403",
      "body leaks",
      "injected",
      "unanswered",
      "warnings",
      "result",
    ],
    rows,
  );
}

export function statusLines(result: AttackResult): string[] {
  return (Object.keys(CATEGORIES) as Category[]).map((c) => {
    const s = Object.entries(result.byCategory[c].statuses)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}×${v}`)
      .join(" ");
    const t = result.byCategory[c];
    return `  ${c}: ${s || "-"}  (mean ${t.requests ? Math.round(t.totalMs / t.requests) : 0} ms)`;
  });
}

/** The headers worth showing: everything but the usual form type and user agent. */
const unusual = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      ([k, v]) =>
        k !== "User-Agent" &&
        !(k === "Content-Type" && v.startsWith("application/x-www-form-urlencoded; charset=UTF-8")),
    ),
  );

export function sampleLines(result: AttackResult, fatalOnly: boolean): string[] {
  return Object.entries(result.samples)
    .filter(
      ([key]) =>
        key
          .split(" ")[0]!
          .split("+")
          .some((p) => FATAL.has(p as Problem)) === fatalOnly,
    )
    .flatMap(([key, list]) => [
      `  ${key}:`,
      ...list.map(
        (s) =>
          `    POST ${s.path.slice(0, 160)} -> ${s.status}: ${s.detail.slice(0, 300)}\n      headers ${JSON.stringify(unusual(s.headers)).slice(0, 300)}\n      body ${JSON.stringify(s.body.slice(0, 160))}`,
      ),
    ]);
}

export function logLines(scan: LogScan): string[] {
  const out = [`  ${scan.lines} log lines, ${scan.nonJsonLines} not pino JSON, ${scan.leakLines} with a marker`];
  for (const l of scan.leaks)
    out.push(
      `  LEAK ${l.kind} "${l.marker}" x${l.count} in msg "${l.msg}" at key ${l.key}\n    ${l.sample.slice(0, 500)}`,
    );
  for (const l of scan.echoes)
    out.push(`  echo (not personal data) "${l.marker}" x${l.count} in msg "${l.msg}" at key ${l.key}`);
  for (const p of scan.problems.slice(0, 12)) out.push(`  ${p.count}× ${p.key}`);
  return out;
}

export function totals(result: AttackResult) {
  const sum = (p: Problem) => Object.values(result.byCategory).reduce((s, t) => s + n(t, p), 0);
  return {
    serverErrors: sum("serverError"),
    invalidTwiml: sum("invalidTwiml"),
    wrongSignatureNot403: sum("wrongSignatureNot403"),
    leaks: sum("leak"),
    injections: sum("injection"),
    noAnswer: sum("noAnswer"),
    warnings: { unexpectedStatus: sum("unexpectedStatus"), reflected: sum("reflected"), apologies: sum("apology") },
  };
}
