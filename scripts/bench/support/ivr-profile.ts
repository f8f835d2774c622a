// `bench:ivr --profile`: where the hotline's time goes. The hotline is started once more on the
// same database, with --cpu-prof and server-probe.ts, and loaded twice:
// 1. one caller at a time (exact per-route numbers: handler time, CPU, SQL round trips and
//    their time, which statements);
// 2. the closed loop at full concurrency (CPU profile restricted to the measured window:
//    self time by package, inclusive time of the main pieces, per webhook; SQL round trips
//    and event-loop delay).
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { summariseProfile, type ProfileSummary } from "./cpu-profile.ts";
import type { LoadJob } from "./ivr-load.ts";
import { microCosts, type MicroCost } from "./ivr-micro.ts";
import type { LoadResult } from "./load-recorder.ts";
import type { LoadWorker } from "./load-worker-client.ts";
import { round, table } from "./report.ts";
import { REPO_ROOT, startServer, type ServerProcess } from "./server-process.ts";

interface RouteProbe {
  requests: number;
  handlerMs: number;
  cpuMs: number;
  queries: number;
  queryMs: number;
  statements: Record<string, number>;
}

interface ProbeSnapshot {
  hrtimeUs: number;
  totals: { requests: number; queries: number; queryMs: number; inFlightMax: number };
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  routes: Record<string, RouteProbe>;
  memoryMb: { rss: number; heapUsed: number; heapTotal: number; external: number };
}

/** Frames ("functionName url") whose inclusive time is reported. */
const PIECES: Record<string, RegExp> = {
  "signature check (signatureIsValid)": /^signatureIsValid /,
  "form body reading (readForm, parseForm)": /^(readForm|parseForm) /,
  "call session load": /^(load|loadMany) .*sql-call-session-store/,
  "call session save": /^(save|updateMany|insertMany) .*sql-call-session-store/,
  "call flow steps (machine)": /^(start|enter|handle|goto) .*call-flow\/machine/,
  "TwiML rendering (renderTwiml)": /^(renderTwiml|renderApology) /,
  "i18next translate": /^translate .*i18next/,
};

const GROUPS: [string, (category: string) => boolean][] = [
  ["Prisma client + adapter", (c) => c.startsWith("@prisma/") || c.startsWith("prisma ")],
  ["pg driver", (c) => /^pg($|-)|^postgres-/.test(c)],
  [
    "Express, router, body parsing",
    (c) =>
      [
        "express",
        "router",
        "body-parser",
        "raw-body",
        "qs",
        "iconv-lite",
        "type-is",
        "content-type",
        "finalhandler",
        "send",
      ].includes(c),
  ],
  ["twilio + xmlbuilder (TwiML, signature)", (c) => c === "twilio" || c === "xmlbuilder" || c === "scmp"],
  ["i18next", (c) => c === "i18next"],
  ["application code", (c) => c.startsWith("app: ")],
  ["node internals (http, streams, crypto)", (c) => c === "node internals"],
  ["native calls (JSON, hashing, buffers)", (c) => c === "native"],
  ["garbage collector", (c) => c === "(garbage collector)"],
];

export interface ProfileRun {
  summary: {
    sequential: {
      route: string;
      requests: number;
      handlerMs: number;
      cpuMs: number;
      sqlRoundTrips: number;
      sqlMs: number;
    }[];
    sequentialRequestsPerSecond: number;
    concurrent: {
      requestsPerSecond: number;
      sqlRoundTripsPerRequest: number;
      sqlMsPerRequest: number;
      eventLoopDelayMs: ProbeSnapshot["eventLoopDelayMs"];
      busyMsPerRequest: number;
      groups: { name: string; percent: number; usPerRequest: number }[];
      pieces: { name: string; percent: number; usPerRequest: number }[];
      topFunctions: ProfileSummary["topFunctions"];
    };
    memory: { heapAfterGcBeforeMb: number; heapAfterGcAfterMb: number; calls: number; retainedKbPerCall: number };
    micro: MicroCost[];
    profileFile: string;
  };
}

export interface ProfileOptions {
  env: Record<string, string>;
  worker: LoadWorker;
  job: LoadJob;
  sequentialSeconds: number;
  log: (line?: string) => void;
  track: (server: ServerProcess) => void;
}

export async function runProfile(o: ProfileOptions): Promise<ProfileRun> {
  const dir = join(REPO_ROOT, "bench-results", "ivr-profile");
  mkdirSync(dir, { recursive: true });
  const server = await startServer({
    name: "hotline (profiled)",
    script: "ivr/src/main.ts",
    env: o.env,
    nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--expose-gc"],
    preload: ["scripts/bench/support/server-probe.ts"],
  });
  o.track(server);
  const probe = async (reset: "" | "reset=1" | "reset=1&cpu=1" | "gc=1"): Promise<ProbeSnapshot> => {
    const res = await fetch(`${server.url}/__bench/probe?${reset}`);
    return (await res.json()) as ProbeSnapshot;
  };
  const measure = async (
    job: LoadJob,
    cpu: boolean,
  ): Promise<{ load: LoadResult; start: ProbeSnapshot; end: ProbeSnapshot }> => {
    let start: Promise<ProbeSnapshot> | undefined;
    let end: Promise<ProbeSnapshot> | undefined;
    const load = await o.worker.run(job, (edge) => {
      if (edge === "start") start = probe(cpu ? "reset=1&cpu=1" : "reset=1");
      else end = probe("");
    });
    return { load, start: await start!, end: await end! };
  };

  o.log(`\n== profile: hotline pid ${server.pid} with --cpu-prof and the SQL probe ==`);
  const seq = await measure(
    { ...o.job, baseUrl: server.url, concurrency: 1, seconds: o.sequentialSeconds, serialBase: o.job.serialBase },
    true,
  );
  // Retained memory is compared after warm-up (one-time work such as parsing a source map on
  // the first formatted stack trace would otherwise look like a leak).
  const heapBefore = await probe("gc=1");
  const conc = await measure({ ...o.job, baseUrl: server.url, serialBase: o.job.serialBase + 5_000_000 }, false);
  const heapAfter = await probe("gc=1");
  await server.stop();
  const calls = conc.load.callsCompleted + conc.load.callsFailed;
  const retainedKbPerCall = round(
    ((heapAfter.memoryMb.heapUsed - heapBefore.memoryMb.heapUsed) * 1024) / Math.max(1, calls),
    2,
  );
  const file = readdirSync(dir)
    .filter((f) => f.includes(`.${server.pid}.`) && f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f))
    .sort()
    .at(0);
  if (!file) throw new Error(`no CPU profile of pid ${server.pid} in ${dir}`);

  const sequential = Object.entries(seq.end.routes)
    .map(([route, r]) => ({
      route,
      requests: r.requests,
      handlerMs: round(r.handlerMs / r.requests, 3),
      cpuMs: round(r.cpuMs / r.requests, 3),
      sqlRoundTrips: round(r.queries / r.requests, 2),
      sqlMs: round(r.queryMs / r.requests, 3),
      statements: Object.entries(r.statements)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${kind} ×${round(n / r.requests, 2)}`)
        .join(", "),
    }))
    .sort((a, b) => b.handlerMs - a.handlerMs);
  o.log(`one caller at a time (${seq.load.requestsPerSecond} webhooks/s; server-side handler time, not network):`);
  o.log(
    table(
      ["route", "requests", "handler ms", "CPU ms", "SQL round trips", "SQL ms", "statements per request"],
      sequential.map((r) => [
        r.route,
        r.requests,
        r.handlerMs.toFixed(3),
        r.cpuMs.toFixed(3),
        r.sqlRoundTrips.toFixed(2),
        r.sqlMs.toFixed(3),
        r.statements,
      ]),
    ),
  );
  const seqTotals = sequential.reduce(
    (t, r) => ({
      n: t.n + r.requests,
      h: t.h + r.handlerMs * r.requests,
      c: t.c + r.cpuMs * r.requests,
      q: t.q + r.sqlRoundTrips * r.requests,
      s: t.s + r.sqlMs * r.requests,
    }),
    { n: 0, h: 0, c: 0, q: 0, s: 0 },
  );
  o.log(
    `per webhook on average: handler ${(seqTotals.h / seqTotals.n).toFixed(2)} ms, CPU ${(seqTotals.c / seqTotals.n).toFixed(2)} ms, ` +
      `${(seqTotals.q / seqTotals.n).toFixed(2)} SQL round trips taking ${(seqTotals.s / seqTotals.n).toFixed(2)} ms`,
  );

  const requests = conc.end.totals.requests;
  const profile = summariseProfile(file, {
    inclusive: PIECES,
    top: 15,
    window: { fromUs: conc.start.hrtimeUs, toUs: conc.end.hrtimeUs },
  });
  const perRequest = (ms: number) => round((ms * 1000) / Math.max(1, requests), 0);
  // Socket writes are "native" too, but mostly time the thread waited for a core after waking
  // PostgreSQL (the profiler samples wall-clock time): shown apart.
  const writevMs = profile.topFunctions.filter((f) => f.name === "writev").reduce((a, f) => a + f.ms, 0);
  const groups = GROUPS.map(([name, test]) => {
    const ms =
      profile.byCategory.filter((c) => test(c.name)).reduce((a, c) => a + c.ms, 0) -
      (name.startsWith("native") ? writevMs : 0);
    return { name, percent: round((100 * ms) / profile.busyMs, 1), usPerRequest: perRequest(ms) };
  });
  groups.push({
    name: "socket writes (writev, incl. waiting for a core)",
    percent: round((100 * writevMs) / profile.busyMs, 1),
    usPerRequest: perRequest(writevMs),
  });
  const grouped = new Set(profile.byCategory.filter((c) => GROUPS.some(([, test]) => test(c.name))).map((c) => c.name));
  const restMs = profile.byCategory.filter((c) => !grouped.has(c.name)).reduce((a, c) => a + c.ms, 0);
  groups.push({ name: "other", percent: round((100 * restMs) / profile.busyMs, 1), usPerRequest: perRequest(restMs) });
  const pieces = profile.inclusive.map((p) => ({ name: p.name, percent: p.percent, usPerRequest: perRequest(p.ms) }));
  const concurrent = {
    requestsPerSecond: conc.load.requestsPerSecond,
    sqlRoundTripsPerRequest: round(conc.end.totals.queries / Math.max(1, requests), 2),
    sqlMsPerRequest: round(conc.end.totals.queryMs / Math.max(1, requests), 2),
    eventLoopDelayMs: conc.end.eventLoopDelayMs,
    busyMsPerRequest: round(profile.busyMs / Math.max(1, requests), 3),
    groups,
    pieces,
    topFunctions: profile.topFunctions,
  };
  o.log(
    `\n${o.job.concurrency} callers under the profiler: ${conc.load.requestsPerSecond} webhooks/s, ${concurrent.sqlRoundTripsPerRequest} SQL round trips per webhook ` +
      `(${concurrent.sqlMsPerRequest} ms each webhook waits on them in total), event-loop delay p50 ${concurrent.eventLoopDelayMs.p50} ms, p99 ${concurrent.eventLoopDelayMs.p99} ms, ` +
      `max ${concurrent.eventLoopDelayMs.max} ms; ${concurrent.busyMsPerRequest} ms sampled on the main thread per webhook`,
  );
  o.log(`self time by package (the profiler samples wall-clock time on the main thread):`);
  o.log(
    table(
      ["where", "share", "µs per webhook"],
      groups.map((g) => [g.name, `${g.percent.toFixed(1)} %`, g.usPerRequest]),
    ),
  );
  o.log(`inclusive time of the main pieces:`);
  o.log(
    table(
      ["piece", "share", "µs per webhook"],
      pieces.map((p) => [p.name, `${p.percent.toFixed(1)} %`, p.usPerRequest]),
    ),
  );
  o.log(`hottest functions (self):`);
  o.log(
    table(
      ["function", "ms", "share"],
      profile.topFunctions.slice(0, 12).map((f) => [f.name.slice(0, 100), f.ms, `${f.percent.toFixed(1)} %`]),
    ),
  );
  o.log(
    `memory: heap after a full GC ${heapBefore.memoryMb.heapUsed} MB before and ${heapAfter.memoryMb.heapUsed} MB after ${calls} calls ` +
      `(${retainedKbPerCall} KB retained per call); RSS ${heapBefore.memoryMb.rss} → ${heapAfter.memoryMb.rss} MB, heap reserved ${heapAfter.memoryMb.heapTotal} MB`,
  );
  o.log(`profile: ${file}`);
  const micro = await microCosts(o.env.DATABASE_URL!);
  o.log(`\nunit costs, measured in the benchmark process (CPU per operation):`);
  o.log(
    table(
      ["operation", "µs", ""],
      micro.map((m) => [m.name, m.usPerOp === null ? "-" : m.usPerOp.toFixed(1), m.note ?? ""]),
    ),
  );
  return {
    summary: {
      sequential: sequential.map(({ statements: _s, ...r }) => r),
      sequentialRequestsPerSecond: seq.load.requestsPerSecond,
      concurrent,
      micro,
      memory: {
        heapAfterGcBeforeMb: heapBefore.memoryMb.heapUsed,
        heapAfterGcAfterMb: heapAfter.memoryMb.heapUsed,
        calls,
        retainedKbPerCall,
      },
      profileFile: file.slice(REPO_ROOT.length),
    },
  };
}
