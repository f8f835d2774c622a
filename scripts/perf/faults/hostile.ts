// Fault injection: hostile Twilio webhooks against the real hotline. `npm run fault:hostile
// [-- --quick | --requests N] [--concurrency 32] [--calls 20] [--seconds 120]`.
//
// - The real hotline (LOG_LEVEL=info, no callback dialler, one week of supply) on a throw-away
//   PostgreSQL database next to DATABASE_URL or, without DATABASE_URL, on PGlite in a temp folder.
// - Sends N requests (10,000; --quick 1,000) with bounded concurrency to every /voice route, in
//   categories a-g (hostile/request.ts), and 20 real calls (--quick 10) through the CallEmulator
//   among them.
// - Fails on: any 5xx, a 200 that is not strict TwiML (text/xml), a wrong or missing signature not
//   answered 403, internals in a body, markup from input turned into TwiML, a request left
//   unanswered, a marker (caller number, speech, digits, name) in the server's logs, the server
//   dead or /healthz not 200 at the end, a real call that did not complete.
// - Then two probes (hostile/probes.ts): junk paths must not grow /metrics (--junk requests,
//   20,000; --quick 2,000), and sign-in guesses with a new X-Forwarded-For each must be slowed
//   (--guesses, 100; --quick 40) without locking out the owner of a forged address.
// - Last line: the JSON, also in bench-results/fault-hostile.json (with samples); the server's
//   output is kept in bench-results/fault-hostile-server.log. Exit code 0 = pass.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { interrupted, log, runCommand, sleep } from "../harness/command.ts";
import { throwAwayDatabase } from "../harness/database.ts";
import { startHotline } from "../harness/hotline.ts";
import { readOptions } from "../harness/options.ts";
import { processCpuMs, rssMb } from "../harness/proc-stats.ts";
import { RESULTS_DIR } from "../harness/results.ts";
import { sum } from "../harness/stats.ts";
import { printChecks } from "../load/persona-run.ts";
import { attack } from "./hostile/attack.ts";
import { scanLogs } from "./hostile/log-scan.ts";
import { PROBE_ENV, probeForwardedFor, probeMetrics } from "./hostile/probes.ts";
import { logLines, sampleLines, totals } from "./hostile/report.ts";

const o = readOptions({
  requests: { default: 10_000, quick: 1_000, min: 1, max: 1_000_000, integer: true },
  concurrency: { default: 32, min: 1, max: 256, integer: true },
  calls: { default: 20, quick: 10, min: 0, max: 200, integer: true },
  seconds: { default: 120, quick: 40, above: 0, max: 3600 },
  junk: { default: 20_000, quick: 2_000, min: 2, max: 200_000, integer: true },
  guesses: { default: 100, quick: 40, min: 10, max: 140, integer: true },
});
const STARTUP_SECONDS = 120;
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

runCommand(
  "fault:hostile",
  async () => {
    const t0 = Date.now();
    const postgres = Boolean(process.env.DATABASE_URL);
    log(`starting the hotline (${postgres ? "fresh database next to DATABASE_URL" : "embedded PGlite"}) ...`);
    const databaseUrl = postgres ? (await throwAwayDatabase("fault_hostile")).url : null;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const hotline = await startHotline({
      databaseUrl,
      env: { LOG_LEVEL: "info", CALLBACK_WORKER: "off", SEED_WEEKS: "1", ...PROBE_ENV },
      keepLines: true,
      logFile: join(RESULTS_DIR, "fault-hostile-server.log"),
    });
    log(
      `hotline pid ${hotline.pid} on ${hotline.url}, ${postgres ? "PostgreSQL" : "PGlite"}, healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    const rssBeforeMb = rssMb(hotline.pid);
    const cpuBefore = { server: processCpuMs(hotline.pid), client: process.cpuUsage() };
    log(
      `${o.requests} hostile requests, concurrency ${o.concurrency}, ${o.calls} real calls among them, at most ${o.seconds} s`,
    );
    const deadline = Date.now() + o.seconds * 1000;
    const result = await attack(
      { port: hotline.port, baseUrl: hotline.url },
      { ...o, deadline, stopped: interrupted },
      log,
    );
    log(`probes: ${o.junk} junk requests against /metrics, ${o.guesses} sign-in guesses twice`);
    const metricsProbe = await probeMetrics(hotline.port, o.junk);
    const forwardedForProbe = await probeForwardedFor(hotline.port, o.guesses);
    await sleep(500);
    const health = await hotline.healthz();
    const running = hotline.alive();
    const aliveAfter = running && health === 200;
    const rssAfterMb = rssMb(hotline.pid);
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const serverCpuSeconds = (processCpuMs(hotline.pid) - cpuBefore.server) / 1000;
    await hotline.stop(); // every line written before the logs are scanned
    const scan = scanLogs(hotline.lines);
    const t = totals(result);
    const realCallsCompleted = result.realCalls.filter((c) => c.ok).length;
    const logLeaks = sum(scan.leaks.map((l) => l.count));

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
      `real calls: ${realCallsCompleted}/${o.calls} completed${callMs.length ? `, ${callMs[0]}-${callMs.at(-1)} ms each` : ""}`,
    );
    failedCalls.slice(0, 5).forEach((c) => log(`  FAILED: ${c.error}`));
    const timeLimit = result.timedOut ? " (time limit reached)" : "";
    log(
      `${result.requests === o.requests ? "PASS" : "WARN"}  ${result.requests}/${o.requests} requests sent in ${result.seconds.toFixed(1)} s${timeLimit}, slowest answer ${result.maxMs} ms`,
    );
    const pass =
      printChecks([
        { ok: t.serverErrors === 0, text: `${t.serverErrors} responses with 5xx` },
        {
          ok: t.invalidTwiml === 0,
          text: `${t.invalidTwiml} 200 responses that are not valid TwiML (text/xml, strict parser)`,
        },
        {
          ok: t.wrongSignatureNot403 === 0,
          text: `${t.wrongSignatureNot403} wrong/missing signatures not answered 403`,
        },
        { ok: t.leaks === 0, text: `${t.leaks} bodies with stack traces or internals` },
        { ok: t.injections === 0, text: `${t.injections} responses with markup or URLs from input` },
        { ok: t.noAnswer === 0, text: `${t.noAnswer} requests without an answer` },
        { ok: logLeaks === 0, text: `${logLeaks} marker occurrences in ${scan.leakLines} log lines` },
        { ok: aliveAfter, text: `server alive after the attack: ${running}, /healthz ${health}` },
        { ok: realCallsCompleted === o.calls, text: `${realCallsCompleted}/${o.calls} real calls completed` },
        ...metricsProbe.checks,
        ...forwardedForProbe.checks,
      ]) && !interrupted();
    log(
      `note  RSS ${rssBeforeMb?.toFixed(0)} MB before, ${rssAfterMb?.toFixed(0)} MB after; CPU ${serverCpuSeconds.toFixed(1)} s server, ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s this process`,
    );
    log(pass ? "RESULT: PASS" : "RESULT: FAIL");
    const { warnings: warningCounts, ...counts } = t;
    const line = {
      requests: result.requests,
      byCategory: Object.fromEntries(
        Object.entries(result.byCategory).map(([c, v]) => [
          c,
          { requests: v.requests, statuses: v.statuses, problems: v.problems },
        ]),
      ),
      ...counts,
      logLeaks,
      aliveAfter,
      realCallsCompleted,
      realCalls: o.calls,
      rssBeforeMb: round1(rssBeforeMb),
      rssAfterMb: round1(rssAfterMb),
      durationSeconds: Math.round((Date.now() - t0) / 100) / 10,
      attackSeconds: round1(result.seconds),
      timedOut: result.timedOut,
      database: postgres ? "postgresql" : "pglite",
      warnings: warningCounts,
      metricsProbe: { ...metricsProbe.result, pass: metricsProbe.checks.every((c) => c.ok) },
      forwardedForProbe: { ...forwardedForProbe.result, pass: forwardedForProbe.checks.every((c) => c.ok) },
      pass,
    };
    const detail = {
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
    return { file: "fault-hostile.json", line, detail, exitCode: pass ? 0 : 1 };
  },
  {
    // Start-up, the attack, the drain of in-flight requests (15 s each) and the calls.
    hardLimitSeconds: STARTUP_SECONDS + o.seconds + 60,
    failureLine: (error) => ({ requests: 0, error: String(error).slice(0, 500), aliveAfter: false, pass: false }),
  },
);
