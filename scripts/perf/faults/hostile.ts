// fault:hostile: hostile Twilio webhooks against the real hotline (LOG_LEVEL=info, PGlite or a
// throw-away database next to DATABASE_URL), each answer judged (hostile/judge.ts); the server's
// logs scanned for personal data we sent; the /metrics and X-Forwarded-For probes. Exit 0 = pass.
import { interrupted, log, runCommand } from "../harness/command.ts";
import { throwAwayDatabase } from "../harness/database.ts";
import { startHotline } from "../harness/server.ts";
import { readOptions } from "../harness/options.ts";
import { printChecks, runPersonaCalls } from "../load/persona-run.ts";
import { judge, PROBLEMS, type Problem } from "./hostile/judge.ts";
import { LOG_MARKERS } from "./hostile/payloads.ts";
import { PROBE_ENV, probeForwardedFor, probeMetrics } from "./hostile/probes.ts";
import { closeConnections, send } from "./hostile/raw-http.ts";
import { nextJob } from "./hostile/requests.ts";

const o = readOptions({
  requests: { default: 10_000, quick: 1_000, min: 1, max: 1_000_000, integer: true },
  concurrency: { default: 32, min: 1, max: 256, integer: true },
  seconds: { default: 120, quick: 40, above: 0, max: 3600 },
  junk: { default: 20_000, quick: 2_000, min: 2, max: 200_000, integer: true },
  guesses: { default: 100, quick: 40, min: 10, max: 140, integer: true },
});

type Tally = { requests: number; statuses: Record<string, number>; problems: Partial<Record<Problem, number>> };
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** Sends the requests, `concurrency` at a time, until all are sent or time is up; tallies them by category. */
async function attack(port: number, baseUrl: string) {
  const byCategory: Record<string, Tally> = {};
  const failures: string[] = [];
  const deadline = Date.now() + o.seconds * 1000;
  let sent = 0;
  let slowestMs = 0;
  const worker = async () => {
    while (sent < o.requests && Date.now() < deadline && !interrupted()) {
      const job = nextJob(baseUrl).slice(0, o.requests - sent);
      sent += job.length;
      for (const req of job) {
        const res = await send(port, req);
        const problems = judge(req, res);
        const tally = (byCategory[req.category] ??= { requests: 0, statuses: {}, problems: {} });
        tally.requests++;
        bump(tally.statuses, String(res.status || "no answer"));
        problems.forEach((p) => bump(tally.problems, p));
        slowestMs = Math.max(slowestMs, res.ms);
        if (problems.length && failures.length < 10)
          failures.push(`${problems.join("+")} ${req.variant} ${req.path} -> ${res.status} ${res.error ?? res.body}`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { byCategory, failures, sent, slowestMs: Math.round(slowestMs) };
}

runCommand(
  "fault:hostile",
  async () => {
    const postgres = Boolean(process.env.DATABASE_URL);
    const databaseUrl = postgres ? (await throwAwayDatabase("fault_hostile")).url : null;
    const env = { LOG_LEVEL: "info", CALLBACK_WORKER: "off", SEED_WEEKS: "1", ...PROBE_ENV };
    const hotline = await startHotline({ databaseUrl, env, keepLines: true });
    log(`hotline up (${postgres ? "PostgreSQL" : "PGlite"}): ${o.requests} hostile requests, then the probes`);
    // Real callers booking while the attack runs (one a second, for its first seconds): it must not cost them their call.
    const callers = {
      hotline,
      rate: 1,
      seconds: o.quick ? 8 : 20,
      thinkMs: 0,
      maxInProgress: 50,
      drainSeconds: 60,
      persona: "book" as const,
    };
    const [result, real] = await Promise.all([attack(hotline.port, hotline.url), runPersonaCalls(callers)]);
    const realBooked = real.records.filter((r) => r.outcome === "booked").length;
    const metrics = await probeMetrics(hotline.port, o.junk);
    const forwardedFor = await probeForwardedFor(hotline.port, o.guesses);
    closeConnections();
    const health = await hotline.healthz();
    const aliveAfter = hotline.alive() && health === 200;
    await hotline.stop(); // every line written before the logs are scanned
    const leakLines = hotline.lines.filter((line) => LOG_MARKERS.some((marker) => line.includes(marker)));
    result.failures.forEach((f) => log(`  ${f.slice(0, 300)}`));
    leakLines.slice(0, 3).forEach((l) => log(`  logged: ${l.slice(0, 300)}`));
    const total = (p: Problem) => Object.values(result.byCategory).reduce((n, t) => n + (t.problems[p] ?? 0), 0);
    const totals = Object.fromEntries(Object.keys(PROBLEMS).map((p) => [p, total(p as Problem)]));
    const pass =
      printChecks([
        ...Object.entries(PROBLEMS).map(([p, text]) => ({ ok: totals[p] === 0, text: `${totals[p]} ${text}` })),
        { ok: leakLines.length === 0, text: `${leakLines.length} server log lines with personal data we sent` },
        { ok: aliveAfter, text: `server alive after the attack, /healthz ${health}` },
        {
          ok: realBooked === real.records.length,
          text: `${realBooked}/${real.records.length} real callers booked meanwhile`,
        },
        ...metrics.checks,
        ...forwardedFor.checks,
      ]) && !interrupted();
    log(pass ? "RESULT: PASS" : "RESULT: FAIL");
    const line = {
      requests: result.sent,
      byCategory: result.byCategory,
      ...totals,
      logLeaks: leakLines.length,
      aliveAfter,
      realCalls: real.records.length,
      realCallsBooked: realBooked,
      slowestMs: result.slowestMs,
      timedOut: result.sent < o.requests,
      database: postgres ? "postgresql" : "pglite",
      metricsProbe: { ...metrics.result, pass: metrics.checks.every((c) => c.ok) },
      forwardedForProbe: { ...forwardedFor.result, pass: forwardedFor.checks.every((c) => c.ok) },
      pass,
    };
    return { file: "fault-hostile.json", line, exitCode: pass ? 0 : 1 };
  },
  {
    // Start-up (slow on a busy machine), the attack, then the probes.
    hardLimitSeconds: 120 + o.seconds + 60,
    failureLine: (error) => ({ requests: 0, error: String(error).slice(0, 500), aliveAfter: false, pass: false }),
  },
);
