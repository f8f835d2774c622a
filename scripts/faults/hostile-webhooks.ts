// Fault injection: hostile Twilio webhooks against the real hotline. `npm run fault:hostile
// [-- --quick | --requests N] [--concurrency 32] [--calls 20] [--seconds 120]`.
//
// - Starts `node --import tsx ivr/src/main.ts` on a free port of 127.0.0.1 (LOG_LEVEL=info, always
//   open, no callback dialler, one week of supply) on a fresh PostgreSQL database next to
//   DATABASE_URL (dropped afterwards) or, without DATABASE_URL, on PGlite in a temp folder.
// - Sends N requests (10,000; --quick 1,000) with bounded concurrency to every /voice route, in
//   categories a-g (see hostile/types.ts), and 20 real calls through the CallEmulator among them.
// - Fails on: any 5xx, a 200 that is not strict TwiML (text/xml), a wrong or missing signature not
//   answered 403, internals in a body, markup from input turned into TwiML, a request left
//   unanswered, a marker (caller number, speech, digits, name) in the server's logs, the server
//   dead or /healthz not 200 at the end, a real call that did not complete.
// - Last line: one JSON object, also written to bench-results/fault-hostile.json (with samples);
//   the server's output is kept in bench-results/fault-hostile-server.log. Exit code 0 = pass.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { processCpuMs, rssMb } from "../bench/support/proc-stats.ts";
import { REPO_ROOT } from "../bench/support/server-process.ts";
import { attack } from "./hostile/attack.ts";
import { scanLogs } from "./hostile/log-scan.ts";
import { categoryTable, logLines, sampleLines, statusLines, totals } from "./hostile/report.ts";
import { HotlineUnderTest } from "./hostile/server.ts";
import { sweepLeftovers } from "./hostile/leftovers.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    requests: { type: "string" },
    concurrency: { type: "string", default: "32" },
    calls: { type: "string" },
    seconds: { type: "string" },
  },
});
const requests = Number(args.requests ?? (args.quick ? 1_000 : 10_000));
const concurrency = Number(args.concurrency);
const calls = Number(args.calls ?? (args.quick ? 10 : 20));
const attackSeconds = Number(args.seconds ?? (args.quick ? 40 : 120));
if (!Number.isInteger(requests) || requests < 1 || requests > 1_000_000)
  throw new Error("--requests must be an integer in 1..1000000");
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
  throw new Error("--concurrency must be an integer in 1..256");
if (!Number.isInteger(calls) || calls < 0 || calls > 200) throw new Error("--calls must be an integer in 0..200");
if (!(attackSeconds > 0 && attackSeconds <= 3600)) throw new Error("--seconds must be in (0, 3600]");

const STARTUP_SECONDS = 120;
const out = join(REPO_ROOT, "bench-results");
mkdirSync(out, { recursive: true });
const log = (line = "") => process.stdout.write(`${line}\n`);
const hotline = new HotlineUnderTest(process.env.DATABASE_URL || undefined, join(out, "fault-hostile-server.log"));

let interrupted = false;
let cleaning: Promise<void> | null = null;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await hotline.stop().catch(() => hotline.killNow());
    for (const line of await hotline.cleanUp().catch((e: unknown) => [`cleanup failed: ${String(e)}`])) log(line);
  })());
// `on`, not `once`: tsx relays the signal a second time, and with no listener left it exits at once.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the hotline and cleaning up\n`);
    hotline.killNow();
    void cleanUp().finally(() => process.exit(130));
  });
}
// Hard stop: start-up, the attack, the drain of in-flight requests (15 s each) and the calls.
const watchdog = setTimeout(
  () => {
    process.stderr.write("hard time limit reached: killing the hotline\n");
    hotline.killNow();
    void cleanUp().finally(() => process.exit(1));
  },
  (STARTUP_SECONDS + attackSeconds + 60) * 1000,
);
watchdog.unref();

async function main(): Promise<boolean> {
  const t0 = Date.now();
  for (const line of await sweepLeftovers(process.env.DATABASE_URL || undefined)) log(line);
  log(
    `starting the hotline (${process.env.DATABASE_URL ? "fresh database next to DATABASE_URL" : "embedded PGlite"}) ...`,
  );
  await hotline.start(STARTUP_SECONDS * 1000);
  log(
    `hotline pid ${hotline.pid} on ${hotline.baseUrl}, ${hotline.database}, healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const rssBeforeMb = rssMb(hotline.pid!);
  const cpuBefore = { server: processCpuMs(hotline.pid!), client: process.cpuUsage() };
  log(
    `${requests} hostile requests, concurrency ${concurrency}, ${calls} real calls among them, at most ${attackSeconds} s`,
  );
  const result = await attack(
    { port: hotline.port, baseUrl: hotline.baseUrl },
    {
      requests,
      concurrency,
      calls,
      deadline: Date.now() + attackSeconds * 1000,
      stopped: () => interrupted,
    },
    log,
  );
  await new Promise((r) => setTimeout(r, 500));
  const health = await hotline.healthz();
  const running = hotline.alive;
  const aliveAfter = running && health === 200;
  const rssAfterMb = rssMb(hotline.pid!);
  const clientCpu = process.cpuUsage(cpuBefore.client);
  const cpu = {
    serverS: (processCpuMs(hotline.pid!) - cpuBefore.server) / 1000,
    clientS: (clientCpu.user + clientCpu.system) / 1e6,
  };
  await hotline.stop();
  const scan = scanLogs(hotline.lines);
  const t = totals(result);
  const realCallsCompleted = result.realCalls.filter((c) => c.ok).length;
  const logLeaks = scan.leaks.reduce((s, l) => s + l.count, 0);
  const pass =
    !interrupted &&
    t.serverErrors + t.invalidTwiml + t.wrongSignatureNot403 + t.leaks + t.injections + t.noAnswer + logLeaks === 0 &&
    aliveAfter &&
    realCallsCompleted === calls;

  log("");
  log(categoryTable(result));
  log("");
  log("statuses per category:");
  statusLines(result).forEach((l) => log(l));
  const fatal = sampleLines(result, true);
  if (fatal.length) log(`\nFAILURES (up to 3 samples each):\n${fatal.join("\n")}`);
  const warnings = sampleLines(result, false);
  if (warnings.length) log(`\nwarnings (one sample each):\n${warnings.join("\n")}`);
  log("\nserver log:");
  logLines(scan).forEach((l) => log(l));
  log("");
  const failedCalls = result.realCalls.filter((c) => !c.ok);
  const callMs = result.realCalls.map((c) => c.ms).sort((a, b) => a - b);
  log(
    `real calls: ${realCallsCompleted}/${calls} completed${callMs.length ? `, ${callMs[0]}-${callMs.at(-1)} ms each` : ""}`,
  );
  failedCalls.slice(0, 5).forEach((c) => log(`  FAILED: ${c.error}`));
  const check = (ok: boolean, text: string, failWord = "FAIL") => log(`${ok ? "PASS" : failWord}  ${text}`);
  check(
    result.requests === requests,
    `${result.requests}/${requests} requests sent in ${result.seconds.toFixed(1)} s${result.timedOut ? " (time limit reached)" : ""}, slowest answer ${result.maxMs} ms`,
    "WARN",
  );
  check(t.serverErrors === 0, `${t.serverErrors} responses with 5xx`);
  check(t.invalidTwiml === 0, `${t.invalidTwiml} 200 responses that are not valid TwiML (text/xml, strict parser)`);
  check(t.wrongSignatureNot403 === 0, `${t.wrongSignatureNot403} wrong/missing signatures not answered 403`);
  check(t.leaks === 0, `${t.leaks} bodies with stack traces or internals`);
  check(t.injections === 0, `${t.injections} responses with markup or URLs from input`);
  check(t.noAnswer === 0, `${t.noAnswer} requests without an answer`);
  check(logLeaks === 0, `${logLeaks} marker occurrences in ${scan.leakLines} log lines`);
  check(aliveAfter, `server alive after the attack: ${running}, /healthz ${health}`);
  check(realCallsCompleted === calls, `${realCallsCompleted}/${calls} real calls completed`);
  log(
    `note  RSS ${rssBeforeMb?.toFixed(0)} MB before, ${rssAfterMb?.toFixed(0)} MB after; CPU ${cpu.serverS.toFixed(1)} s server, ${cpu.clientS.toFixed(1)} s this process`,
  );
  log(`note  warnings: ${JSON.stringify(t.warnings)}`);
  log(pass ? "RESULT: PASS" : "RESULT: FAIL");

  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const json = {
    requests: result.requests,
    byCategory: Object.fromEntries(
      Object.entries(result.byCategory).map(([c, v]) => [
        c,
        { requests: v.requests, statuses: v.statuses, problems: v.problems },
      ]),
    ),
    serverErrors: t.serverErrors,
    invalidTwiml: t.invalidTwiml,
    wrongSignatureNot403: t.wrongSignatureNot403,
    leaks: t.leaks,
    injections: t.injections,
    noAnswer: t.noAnswer,
    logLeaks,
    aliveAfter,
    realCallsCompleted,
    realCalls: calls,
    rssBeforeMb: round(rssBeforeMb),
    rssAfterMb: round(rssAfterMb),
    durationSeconds: Math.round((Date.now() - t0) / 100) / 10,
    attackSeconds: Math.round(result.seconds * 10) / 10,
    timedOut: result.timedOut,
    database: process.env.DATABASE_URL ? "postgresql" : "pglite",
    warnings: t.warnings,
    pass,
  };
  const detail = {
    ...json,
    date: new Date().toISOString(),
    samples: result.samples,
    logLeakDetail: scan.leaks,
    logEchoes: scan.echoes,
    logProblems: scan.problems,
    failedCalls,
    byCategoryVariants: Object.fromEntries(
      Object.entries(result.byCategory).map(([c, v]) => [c, { sent: v.variants, problems: v.variantProblems }]),
    ),
  };
  writeFileSync(join(out, "fault-hostile.json"), `${JSON.stringify(detail, null, 2)}\n`);
  await cleanUp();
  log(JSON.stringify(json));
  return pass;
}

main().then(
  (pass) => process.exit(pass ? 0 : 1),
  async (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`fault:hostile failed: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
    await cleanUp();
    log(JSON.stringify({ requests: 0, error: message.slice(0, 500), aliveAfter: false, pass: false }));
    process.exit(1);
  },
);
