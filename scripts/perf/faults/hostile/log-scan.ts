// The server's own output, scanned: any marker we sent (caller number, speech, digits, name)
// found verbatim is a leak past pino's redaction, reported with the log message and the key it
// sits under; injection payloads echoed into the logs are reported, not failed. Warnings and
// errors are grouped for the report.
import { LOG_MARKERS, PAYLOAD_MARKERS } from "./payloads.ts";

export interface LogLeak {
  kind: string;
  marker: string;
  msg: string;
  /** Dotted path of the JSON key whose value holds the marker ("(raw line)" for non-JSON output). */
  key: string;
  count: number;
  sample: string;
}

function pathsHolding(value: unknown, marker: string, path = ""): string[] {
  if (typeof value === "string" || typeof value === "number")
    return String(value).includes(marker) ? [path || "(value)"] : [];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => pathsHolding(v, marker, path ? `${path}.${k}` : k));
}

export function scanLogs(lines: readonly string[]) {
  const markers = [
    ...Object.entries(LOG_MARKERS).flatMap(([kind, list]) => list.map((m) => [kind, m] as const)),
    ...PAYLOAD_MARKERS.map((m) => ["payload", m] as const),
  ];
  const leaks = new Map<string, LogLeak>();
  const problems = new Map<string, { key: string; count: number; sample: string }>();
  let leakLines = 0;
  let nonJsonLines = 0;
  for (const line of lines) {
    let entry: Record<string, unknown> | null = null;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      nonJsonLines++;
    }
    // One hit per kind and line: "+4915199999999" also contains the shorter phone markers.
    const hits = markers.filter(
      ([kind, m], i) =>
        line.includes(m) && !markers.slice(0, i).some(([k, earlier]) => k === kind && line.includes(earlier)),
    );
    if (hits.some(([kind]) => kind !== "payload")) leakLines++;
    const msg = typeof entry?.msg === "string" ? entry.msg : "(not a pino line)";
    for (const [kind, marker] of hits) {
      for (const key of entry ? pathsHolding(entry, marker) : ["(raw line)"]) {
        const leak = leaks.get(`${kind}|${msg}|${key}`) ?? {
          kind,
          marker,
          msg,
          key,
          count: 0,
          sample: line.slice(0, 600),
        };
        leak.count++;
        leaks.set(`${kind}|${msg}|${key}`, leak);
      }
    }
    const level = typeof entry?.level === "number" ? entry.level : 0;
    if (level >= 40 || (!entry && line.trim())) {
      const err = (entry?.err as { message?: string } | undefined)?.message
        ?.split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .join(" ")
        .slice(0, 200);
      const key = entry
        ? `${level >= 50 ? "error" : "warn"} ${String(entry.msg)}${err ? ` | ${err}` : ""}`
        : `raw: ${line.slice(0, 120)}`;
      const p = problems.get(key) ?? { key, count: 0, sample: line.slice(0, 1500) };
      p.count++;
      problems.set(key, p);
    }
  }
  const all = [...leaks.values()];
  return {
    lines: lines.length,
    /** Personal markers (caller number, speech, digits, name): these fail the run. */
    leaks: all.filter((l) => l.kind !== "payload"),
    leakLines,
    /** Injection payloads from URLs or other fields echoed into the logs. */
    echoes: all.filter((l) => l.kind === "payload"),
    /** level >= 40, grouped by "level msg | err.message". */
    problems: [...problems.values()].sort((a, b) => b.count - a.count),
    nonJsonLines,
  };
}
export type LogScan = ReturnType<typeof scanLogs>;
