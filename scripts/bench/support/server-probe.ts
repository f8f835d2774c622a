// Preloaded into the hotline for `bench:ivr --profile` only (node --import tsx --import this):
// counts PostgreSQL round trips (every pg Client.query is one) and their time, per request
// and per route, and the event loop's delay. GET /__bench/probe answers with the numbers
// (`?reset=1` starts afresh, `&cpu=1` also measures CPU time per request, `?gc=1` collects garbage
// first when node runs with --expose-gc) and the monotonic clock in µs, which is the clock of --cpu-prof.
// Per-route numbers are exact only while one request is in flight at a time (the benchmark's
// sequential pass); totals are exact under any load. Not part of the hotline.
import http from "node:http";
import { createRequire } from "node:module";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type * as Pg from "pg";

interface RouteProbe {
  requests: number;
  handlerMs: number;
  cpuMs: number;
  queries: number;
  queryMs: number;
  statements: Record<string, number>;
}

interface Current {
  route: RouteProbe;
}

const require = createRequire(`${process.cwd()}/package.json`);
const pg = require("pg") as typeof Pg;

let routes = new Map<string, RouteProbe>();
let totals = { requests: 0, queries: 0, queryMs: 0, inFlightMax: 0 };
let inFlight = 0;
let current: Current | null = null;
/** process.cpuUsage() per request costs a system call; only the sequential pass asks for it (?cpu=1). */
let measureCpu = false;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

/** "SELECT state, version … FROM call_session WHERE …" → "SELECT … FROM call_session"; functions by name. */
function statementKind(text: string): string {
  const sql = text.replace(/\s+/g, " ").trim();
  const fn = /\b(ledger_[a-z_]+)\s*\(/i.exec(sql);
  const verb = (/^\w+/.exec(sql)?.[0] ?? "?").toUpperCase();
  if (fn) return `${verb} ${fn[1]}()`;
  const table = /\b(?:FROM|INTO|UPDATE)\s+"?(?:public"?\."?)?"?([a-z_]+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : sql.slice(0, 40);
}

const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: unknown,
  ...args: unknown[]
) {
  const config = args[0];
  const text = typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? "");
  const route = current?.route;
  const started = performance.now();
  const done = () => {
    const ms = performance.now() - started;
    totals.queries++;
    totals.queryMs += ms;
    if (route) {
      route.queries++;
      route.queryMs += ms;
      const kind = statementKind(text);
      route.statements[kind] = (route.statements[kind] ?? 0) + 1;
    }
  };
  const result = originalQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") {
    (result as Promise<unknown>).then(done, done);
  } else done(); // callback style: counted, timed to submission only
  return result;
};

function snapshot() {
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const pct = (p: number) => Math.round(loopDelay.percentile(p) / 1e4) / 100;
  return {
    hrtimeUs: Number(process.hrtime.bigint() / 1000n),
    totals,
    eventLoopDelayMs: { p50: pct(50), p99: pct(99), max: Math.round(loopDelay.max / 1e4) / 100 },
    routes: Object.fromEntries(routes),
    memoryMb: {
      rss: mb(memory.rss),
      heapUsed: mb(memory.heapUsed),
      heapTotal: mb(memory.heapTotal),
      external: mb(memory.external),
    },
  };
}

const originalEmit = http.Server.prototype.emit as (
  this: http.Server,
  event: string | symbol,
  ...args: unknown[]
) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event !== "request") return originalEmit.call(this, event, ...args);
  const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
  const path = (req.url ?? "").split("?")[0]!;
  if (path === "/__bench/probe") {
    // With --expose-gc, `?gc=1` collects first: heapUsed is then what the process retains.
    const gc = (globalThis as { gc?: () => void }).gc;
    if ((req.url ?? "").includes("gc=1") && gc) gc();
    const body = JSON.stringify(snapshot());
    if ((req.url ?? "").includes("reset=1")) {
      measureCpu = (req.url ?? "").includes("cpu=1");
      routes = new Map();
      totals = { requests: 0, queries: 0, queryMs: 0, inFlightMax: 0 };
      loopDelay.reset();
    }
    res.writeHead(200, { "content-type": "application/json" }).end(body);
    return true;
  }
  let route = routes.get(path);
  if (!route)
    routes.set(path, (route = { requests: 0, handlerMs: 0, cpuMs: 0, queries: 0, queryMs: 0, statements: {} }));
  const mine: Current = { route };
  current = mine;
  inFlight++;
  totals.inFlightMax = Math.max(totals.inFlightMax, inFlight);
  const started = performance.now();
  const cpu = measureCpu ? process.cpuUsage() : undefined;
  res.once("finish", () => {
    const used = cpu ? process.cpuUsage(cpu) : { user: 0, system: 0 };
    inFlight--;
    totals.requests++;
    mine.route.requests++;
    mine.route.handlerMs += performance.now() - started;
    mine.route.cpuMs += (used.user + used.system) / 1000;
    if (current === mine) current = null;
  });
  return originalEmit.call(this, event, ...args);
};
