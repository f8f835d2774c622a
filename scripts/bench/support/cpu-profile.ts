// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by package
// or source folder, the hottest functions, and inclusive time of chosen functions.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Share {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Sampled time not idle (program, GC, JavaScript, native calls). */
  busyMs: number;
  byCategory: Share[];
  topFunctions: Share[];
  /** Inclusive time (on the stack) of frames matching a pattern (tested on "functionName url"). */
  inclusive: Share[];
}

export interface ProfileOptions {
  /** Named patterns for inclusive time, tested against "functionName url" of every frame. */
  inclusive?: Record<string, RegExp>;
  top?: number;
  /** Only samples taken in this window (µs of the monotonic clock: process.hrtime). */
  window?: { fromUs: number; toUs: number };
}

/** Package or folder a script URL belongs to: "pg", "@prisma/client", "app: call-flow", "node internals". */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "native";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + 14).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const generated = /\/ivr\/src\/generated\//.test(url);
  if (generated) return "prisma (generated client)";
  const app = /\/ivr\/src\/([^/]+)(?:\/([^/]+))?/.exec(url);
  if (app) return `app: ${app[1]}${app[2] && !app[2].includes(".") ? `/${app[2]}` : ""}`;
  const scripts = /\/scripts\/([^/]+)\//.exec(url);
  if (scripts) return `scripts/${scripts[1]}`;
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
}

export function summariseProfile(path: string, options: ProfileOptions = {}): ProfileSummary {
  const top = options.top ?? 25;
  const patterns = Object.entries(options.inclusive ?? {});
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  // timeDeltas[i] is the time since the previous sample; sample i covers the interval before it.
  const from = options.window?.fromUs ?? -Infinity;
  const to = options.window?.toUs ?? Infinity;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from && at <= to) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  const totalMs = (Math.min(to, profile.endTime) - Math.max(from, profile.startTime)) / 1000;
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const category = categoryOf(url, functionName);
    categories.set(category, (categories.get(category) ?? 0) + ms);
    const fn =
      `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*\/(node_modules|ivr|scripts)\//, "$1/")}:${lineNumber + 1}` : ""}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const busyMs = [...categories.values()].reduce((a, b) => a + b, 0);
  // Inclusive: a sample counts once for each pattern that matches any frame on its stack.
  const inclusive = new Map<string, number>();
  if (patterns.length > 0) {
    const matchesOf = new Map<number, Set<number>>();
    const stackMatches = (id: number): Set<number> => {
      let hit = matchesOf.get(id);
      if (hit) return hit;
      const node = byId.get(id)!;
      const up = parent.get(id);
      hit = new Set(up === undefined ? [] : stackMatches(up));
      const frame = `${node.callFrame.functionName} ${node.callFrame.url}`;
      patterns.forEach(([, re], i) => re.test(frame) && hit!.add(i));
      matchesOf.set(id, hit);
      return hit;
    };
    for (const [id, ms] of selfMs) {
      for (const i of stackMatches(id)) inclusive.set(patterns[i]![0], (inclusive.get(patterns[i]![0]) ?? 0) + ms);
    }
  }
  const shares = (m: Map<string, number>, n = Infinity): Share[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((1000 * ms) / busyMs) / 10 }));
  return {
    totalMs: Math.round(totalMs),
    busyMs: Math.round(busyMs),
    byCategory: shares(categories),
    topFunctions: shares(functions, top),
    inclusive: shares(inclusive),
  };
}
