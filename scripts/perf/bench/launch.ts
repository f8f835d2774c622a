// The KVWL launch morning, scaled to one machine: `npm run bench:launch [-- --quick] [--rate 20
// --seconds 60 --think-ms 300 --workers 2 --supply-ratio 0.6 --max-in-progress 2000 --agents 20
// --talk-min 20 --talk-max 60 --miss-rate 0.05 --patience-seconds 120]`. Not a test.
//
// 25 January 2021: 280,000 calls between 08:00 and 09:00 (≈ 78 calls/s) for KV Westfalen-Lippe
// alone. Here: the real hotline (`--workers N`, no callback dialler) on a throw-away database,
// ONE week of supply with the weekly doses cut so that the pairs on offer are --supply-ratio of
// the callers who will try to book: centres fill up during the run, then whole regions, and
// callers meet "full" answers. Callers arrive open-loop (Poisson, --rate calls/s for --seconds;
// --quick: 4 calls/s for 15 s) with the mix of load/persona-caller.ts, pausing --think-ms (±50 %).
//
// Emulated agents (load/emulated-agents.ts; --agents, default 20, --quick 3; 0: none, and callers
// who press 0 get the callback offer) sign in to the console API and take the calls offered to
// them: talk --talk-min..--talk-max s (--quick 3..8), end the call, wrap up; --miss-rate of the
// offers ring out ("Nicht bereit (verpasst)", then available again). A queued caller waits up to
// --patience-seconds (--quick 60) for an agent, then presses 1 for a callback. At the end the
// supervisors' wallboard (today's figures) is read: its answered count must equal the agents'
// accepted count.
//
// Invariants, all must be 0 (exit 1 otherwise):
// - errors: answers other than 200/204 (each status counted), transport errors, invalid TwiML, a
//   caller who heard a prompt it could not place, apologies ("technisches Problem": the server
//   caught an exception), "full" answers the bench could not check, a drain timeout;
// - serverErrors: 5xx answers; busyTones: see load/persona-caller.ts;
// - doubleBookings: the ledger's invariants (harness/ledger-checks.ts), persons with more than one
//   active booking, confirmed bookings missing from the database;
// - agents (with --agents > 0): the wallboard's answered = the agents' accepted, and no console
//   API answer other than 2xx or the expected 409 (offer gone) to the agents;
// - falseFull: a "centre full" or "region full" answer while that centre / KV region had a free
//   pair (both doses, from the offer lead time on), read right after the caller heard it.
//   Hang-ups happen only before a pair is held, so no hold comes back between answer and read.
// Prints the invariants (PASS/FAIL) and samples of what went wrong; the JSON line has throughput,
// p99, bookings, callbacks, outcomes and "NRW launch days per hour one machine covers" = calls
// completed per hour / 280,000. Writes bench-results/launch.json (with the per-second series) and
// launch.svg (+ .png). The last line is the JSON.
import { join } from "node:path";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase } from "../harness/database.ts";
import { startHotline } from "../harness/hotline.ts";
import { newPool, verifyHeard } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { RESULTS_DIR } from "../harness/results.ts";
import { latency, round, sum } from "../harness/stats.ts";
import { startVacuumStandIn } from "../harness/vacuum.ts";
import { countOutcomes, heardBy, MIX, NOT_FOUND, UNCHECKED } from "../load/persona-caller.ts";
import { printChecks, printServerLog, runPersonaCalls, sampleOf, summariseCalls } from "../load/persona-run.ts";
import { benchAccounts, startAgents, Switchboard } from "../load/emulated-agents.ts";
import { readWallboard } from "./launch-wallboard.ts";
import { writeChart } from "./launch-chart.ts";
import { LedgerProbe } from "./launch-probe.ts";

const o = readOptions({
  rate: { default: 20, quick: 4, above: 0, max: 500 },
  seconds: { default: 60, quick: 15, above: 0, max: 1800 },
  "think-ms": { default: 300, min: 0 },
  workers: { default: 2, min: 1, max: 16, integer: true },
  "supply-ratio": { default: 0.6, above: 0 },
  "max-in-progress": { default: 2000, min: 1 },
  agents: { default: 20, quick: 3, min: 0, max: 200, integer: true },
  "talk-min": { default: 20, quick: 3, min: 0 },
  "talk-max": { default: 60, quick: 8, min: 0 },
  "miss-rate": { default: 0.05, min: 0, max: 1 },
  "patience-seconds": { default: 120, quick: 60, min: 0 },
});
if (o["talk-max"] < o["talk-min"]) throw new Error("--talk-max must be at least --talk-min");
const KVWL_CALLS = 280_000;
const DRAIN_SECONDS = 120;
// A caller who joins the queue last may wait out their patience, then talk as long as the longest talk.
const drainSeconds = DRAIN_SECONDS + (o.agents > 0 ? o["patience-seconds"] + o["talk-max"] : 0);
const SUPERVISOR = { id: "bench-lead", password: "bench-lead-password-01" };

runCommand(
  "bench:launch",
  async () => {
    // Callers who will try to book: book + wrong-postcode shares; pairs on offer = ratio of them.
    const bookShare = sum(MIX.filter(([p]) => p === "book" || p === "wrong-postcode").map(([, x]) => x));
    const targetPairs = Math.max(3, Math.round(o.rate * o.seconds * bookShare * o["supply-ratio"]));
    const dosesPerRegion = String(Math.max(2, Math.ceil((targetPairs * 2) / 3)));
    const agentAccounts = benchAccounts(o.agents);
    const { db, postgres } = await benchDatabase("bench_launch");
    log(`starting the hotline with --workers ${o.workers} (migrates and seeds) ...`);
    const hotline = await startHotline({
      databaseUrl: db.url,
      workers: o.workers,
      env: {
        CALLBACK_WORKER: "off",
        // The emulated agents take calls only (emulated-agents.ts); due callbacks stay with the dialler.
        CALLBACK_OFFERS: "off",
        SEED_WEEKS: "1",
        DB_POOL_SIZE: "10",
        SEED_WEEKLY_DOSES_NORDRHEIN: dosesPerRegion,
        SEED_WEEKLY_DOSES_WESTFALEN_LIPPE: dosesPerRegion,
        SEED_WEEKLY_DOSES_HESSEN: dosesPerRegion,
        // "" would keep the demo agents; a bench without agents signs nobody in anyway.
        AGENT_ACCOUNTS: agentAccounts.spec || "bench-agent-0:Agent 0:bench-agent-password-01",
        SUPERVISOR_ACCOUNTS: `${SUPERVISOR.id}:Bench Leitung:${SUPERVISOR.password}`,
      },
    });
    const pool = newPool(db.url, 6);
    onCleanup(() => pool.end());
    const probe = new LedgerProbe(pool);
    const supply = await probe.load();
    log(`${supply.pairs} pairs in ${supply.centres} centres; callers: ${o.rate}/s open loop for ${o.seconds} s`);
    const vacuum = await startVacuumStandIn(db.url);
    const switchboard = new Switchboard();
    const agents =
      o.agents > 0
        ? await startAgents({
            baseUrl: hotline.url,
            accounts: agentAccounts.accounts,
            switchboard,
            talkSeconds: [o["talk-min"], o["talk-max"]],
            reactSeconds: o.quick ? [0.5, 1.5] : [1, 4],
            wrapUpSeconds: o.quick ? [1, 2] : [3, 10],
            missRate: o["miss-rate"],
          })
        : null;
    const run = await runPersonaCalls({
      hotline,
      rate: o.rate,
      seconds: o.seconds,
      thinkMs: o["think-ms"],
      maxInProgress: o["max-in-progress"],
      drainSeconds,
      checkFull: probe.free,
      agents: agents ? { switchboard, patienceMs: o["patience-seconds"] * 1000 } : undefined,
    });
    const agentTotals = await agents?.stop();
    const wallboard = agents ? await readWallboard(hotline.url, SUPERVISOR) : null;
    const { records, recorder, arrivals } = run;
    const vacuumed = await vacuum?.stop();
    const freeAtEnd = await probe.freeByRegion();
    const verification = await verifyHeard(pool, heardBy(records));
    const { load, statuses, serverErrors, badStatuses, apologies, busy, serverLog } = summariseCalls(
      records,
      recorder,
      hotline,
    );

    // Per second: requests and p99; steady state = from the 5th second to the end of arrivals.
    const series = recorder.perSecond.map((b, second) => ({
      second,
      requests: b.n,
      p99Ms: b.ms.length ? latency(b.ms).p99Ms : 0,
    }));
    const steady = series.slice(Math.min(5, series.length - 1), Math.max(6, Math.floor(arrivals.arrivalSeconds)));
    const requestsPerSecond = round(sum(steady.map((p) => p.requests)) / Math.max(1, steady.length), 1);
    const outcomes = countOutcomes(records);
    const callErrors = records.filter((r) => r.error && !r.error.kind.startsWith("http_"));
    const checks = records.flatMap((r) => r.fullChecks);
    const unknownNames = checks.filter((c) => c.free === NOT_FOUND).length;
    const unchecked = checks.filter((c) => c.free === UNCHECKED).length;
    const errors = badStatuses + callErrors.length + apologies + unknownNames + unchecked + (arrivals.drained ? 0 : 1);
    const falseFullChecks = checks.filter((c) => c.free > 0);
    const regionFullHeard = checks.filter((c) => c.kind === "region").length;
    const centreFullHeard = checks.filter((c) => c.kind === "centre").length;
    // Callers who heard "centre full" three times (chose an offered alternative, then heard it full).
    const repeatedFull = records.filter((r) => r.fullChecks.filter((c) => c.kind === "centre").length >= 3).length;
    const doubleBookings = verification.doubleBookings + verification.confirmedMissing.length;
    const completed = records.filter((r) => !r.error && !r.busyTone);
    const span = Math.max(...records.map((r) => r.endedMs)) - Math.min(...records.map((r) => r.startedMs));
    const callsPerSecond = completed.length / Math.max(1, span / 1000);
    const launchDaysPerHour = round((callsPerSecond * 3600) / KVWL_CALLS, 3);

    const l = load.latency;
    const agentCheck = agentTotals && wallboard ? wallboard.answered === agentTotals.accepted : true;
    const samples = [
      ...callErrors.slice(0, 3).map((r) => sampleOf(r, 12)),
      ...busy.slice(0, 3).map((r) => `busy tone: ${r.busyTone}`),
      ...falseFullChecks.slice(0, 3).map((c) => `false full: ${c.kind} ${c.name} had ${c.free} free pairs`),
      ...load.errorSamples.slice(0, 3),
      ...records
        .filter((r) => r.apologies > 0)
        .slice(0, 2)
        .map((r) => {
          const { persona, born, postcode } = r.plan;
          return `apology (${persona}, born ${born.year}-${born.month}-${born.day}, ${postcode}): ${(r.trail ?? []).slice(-14).join(" | ")}`;
        }),
    ];
    if (samples.length) log(`samples:\n  ${samples.join("\n  ")}`);
    printServerLog(serverLog, hotline);
    const v = verification;
    printChecks([
      {
        ok: errors === 0,
        text: `errors ${errors} (bad statuses ${badStatuses}, call errors ${callErrors.length}, apologies ${apologies}, unknown names ${unknownNames}, "full" answers the bench could not check ${unchecked}${arrivals.drained ? "" : ", drain timeout"})`,
      },
      { ok: serverErrors === 0, text: `serverErrors ${serverErrors}` },
      { ok: busy.length === 0, text: `busyTones ${busy.length}` },
      {
        ok: doubleBookings === 0,
        text: `doubleBookings ${doubleBookings} (overCapacity ${v.overCapacity}, countMismatch ${v.countMismatch}, halfPairs ${v.halfPairs}, persons with 2+ ${v.personsWithTwoBookings}, confirmed missing ${v.confirmedMissing.length})`,
      },
      {
        ok: falseFullChecks.length === 0,
        text: `falseFull ${falseFullChecks.length} of ${checks.length} "full" answers`,
      },
      ...(agentTotals && wallboard
        ? [
            {
              ok: agentCheck,
              text: `wallboard answered ${wallboard.answered} = agents accepted ${agentTotals.accepted}`,
            },
            { ok: agentTotals.apiErrors === 0, text: `agents' console API errors ${agentTotals.apiErrors}` },
          ]
        : []),
    ]);
    const title = `bench:launch ${o.rate} calls/s offered, ${o.workers} workers: requests/s (blue), p99 ms (red)`;
    const chart = writeChart(join(RESULTS_DIR, "launch"), title, series);
    log(
      chart.png
        ? `chart: ${chart.png}`
        : `chart: ${chart.svg} (no SVG converter found: install librsvg2-bin for a PNG)`,
    );
    const line = {
      benchmark: "launch",
      date: new Date().toISOString(),
      quick: o.quick,
      offeredCallsPerSecond: o.rate,
      seconds: o.seconds,
      thinkMs: o["think-ms"],
      workers: o.workers,
      postgres,
      pairsOnOffer: supply.pairs,
      callers: records.length,
      shed: arrivals.shed,
      callsCompleted: completed.length,
      requests: load.requests,
      requestsPerSecond,
      p50Ms: l.p50Ms,
      p95Ms: l.p95Ms,
      p99Ms: l.p99Ms,
      bookings: verification.confirmedHeard,
      activeBookings: verification.activeBookings,
      callbacksRegistered: verification.callbacksHeard,
      waitlistRegistered: records.filter((r) => r.waitlistHeard).length,
      centreFullHeard,
      regionFullHeard,
      repeatedFull,
      outcomes,
      errors,
      serverErrors,
      busyTones: busy.length,
      doubleBookings,
      falseFull: falseFullChecks.length,
      apologies,
      agents: o.agents,
      offers: agentTotals?.offers ?? 0,
      accepted: agentTotals?.accepted ?? 0,
      missed: agentTotals?.missed ?? 0,
      answeredByAgent: outcomes.answeredByAgent,
      avgSpeedOfAnswerSeconds: agentTotals?.avgSpeedOfAnswerSeconds ?? null,
      wallboard,
      agentsAgree: agentCheck,
      agentApiErrors: agentTotals?.apiErrors ?? 0,
      launchDaysPerHour,
      completedCallsPerSecond: round(callsPerSecond, 1),
      vacuumStandIn: vacuumed ?? null,
    };
    const detail = { perSecond: series, statuses, verification, freeAtEnd, samples, serverLog, agentTotals };
    const failed =
      errors +
      serverErrors +
      busy.length +
      doubleBookings +
      falseFullChecks.length +
      (agentCheck ? 0 : 1) +
      (agentTotals?.apiErrors ?? 0);
    return { file: "launch.json", line, detail, exitCode: failed === 0 ? 0 : 1 };
  },
  {
    // Start-up, arrivals, drain, checks.
    hardLimitSeconds: 180 + o.seconds + drainSeconds + 60,
    failureLine: (error) => ({ callers: 0, error: String(error).slice(0, 300), errors: 1 }),
  },
);
