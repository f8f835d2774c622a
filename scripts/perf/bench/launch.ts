// The KVWL launch morning (25 January 2021: 280,000 calls from 08:00 to 09:00 for KV
// Westfalen-Lippe alone) scaled to one machine (`npm run bench:launch [-- --quick]`, flags below).
// The real hotline, one week of supply cut to --supply-ratio of the callers who will book, so
// centres and then regions fill up; persona callers (load/persona-caller.ts) arriving open-loop;
// emulated agents (load/emulated-agents.ts) taking the queued ones, --miss-rate of offers rung out.
// Invariants, all 0 or exit 1: errors (bad statuses, transport errors, invalid TwiML, unplaceable
// prompts, apologies, unchecked "full" answers, drain timeout), 5xx, busy tones, double bookings,
// false "full" (a "full" answer while that centre / region had a free pair; hang-ups happen only
// before a pair is held, so no hold comes back in between); with agents, the wallboard's answered
// = the agents' accepted and no console API errors. The last line is the JSON.
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase } from "../harness/database.ts";
import { startHotline } from "../harness/server.ts";
import { newPool, verifyHeard } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { round, sum } from "../harness/stats.ts";
import { startVacuumStandIn } from "../harness/vacuum.ts";
import { benchAccounts, startAgents, Switchboard } from "../load/emulated-agents.ts";
import { countOutcomes, heardBy, MIX, NOT_FOUND, UNCHECKED } from "../load/persona-caller.ts";
import { printChecks, printServerLog, runPersonaCalls, sampleOf, summariseCalls } from "../load/persona-run.ts";
import { freePairs } from "./launch-probe.ts";
import { readWallboard, SUPERVISOR } from "./launch-wallboard.ts";

const o = readOptions({
  rate: { default: 20, quick: 4, above: 0, max: 500 },
  seconds: { default: 60, quick: 15, above: 0, max: 1800 },
  workers: { default: 2, min: 1, max: 16, integer: true },
  "supply-ratio": { default: 0.6, above: 0 },
  agents: { default: 20, quick: 3, min: 0, max: 200, integer: true },
  "miss-rate": { default: 0.05, min: 0, max: 1 },
});
const KVWL_CALLS = 280_000;
const talkSeconds: [number, number] = o.quick ? [3, 8] : [20, 60];
const patienceSeconds = o.quick ? 60 : 120;
// A caller who joins the queue last may wait out their patience, then talk as long as the longest talk.
const drainSeconds = 120 + (o.agents > 0 ? patienceSeconds + talkSeconds[1] : 0);

runCommand(
  "bench:launch",
  async () => {
    // Pairs on offer = supply-ratio of the callers who will try to book (book + wrong postcode).
    const bookShare = sum(MIX.filter(([p]) => p === "book" || p === "wrong-postcode").map(([, x]) => x));
    const targetPairs = Math.max(3, Math.round(o.rate * o.seconds * bookShare * o["supply-ratio"]));
    const doses = String(Math.max(2, Math.ceil((targetPairs * 2) / 3)));
    const agentAccounts = benchAccounts(o.agents);
    const { db } = await benchDatabase("bench_launch");
    log(`starting the hotline with --workers ${o.workers} (migrates and seeds) ...`);
    const hotline = await startHotline({
      databaseUrl: db.url,
      workers: o.workers,
      env: {
        CALLBACK_WORKER: "off",
        CALLBACK_OFFERS: "off", // the emulated agents take calls only; due callbacks stay with the dialler
        SEED_WEEKS: "1",
        DB_POOL_SIZE: "10",
        ...Object.fromEntries(["NORDRHEIN", "WESTFALEN_LIPPE", "HESSEN"].map((r) => [`SEED_WEEKLY_DOSES_${r}`, doses])),
        // "" would keep the demo agents; a bench without agents signs nobody in anyway.
        AGENT_ACCOUNTS: agentAccounts.spec || "bench-agent-0:Agent 0:bench-agent-password-01",
        SUPERVISOR_ACCOUNTS: `${SUPERVISOR.id}:Bench Leitung:${SUPERVISOR.password}`,
      },
    });
    const pool = newPool(db.url, 6);
    onCleanup(() => pool.end());
    log(`callers: ${o.rate}/s open loop for ${o.seconds} s; supply cut to about ${targetPairs} pairs`);
    const vacuum = await startVacuumStandIn(db.url);
    const switchboard = new Switchboard();
    const { accounts } = agentAccounts;
    const missRate = o["miss-rate"];
    const agents = o.agents
      ? await startAgents({ baseUrl: hotline.url, accounts, switchboard, talkSeconds, missRate, quick: o.quick })
      : null;
    const { records, recorder, arrivals } = await runPersonaCalls({
      hotline,
      rate: o.rate,
      seconds: o.seconds,
      thinkMs: 300,
      maxInProgress: 2000,
      drainSeconds,
      checkFull: freePairs(pool),
      agents: agents ? { switchboard, patienceMs: patienceSeconds * 1000 } : undefined,
    });
    const agentTotals = await agents?.stop();
    const wallboard = agents ? await readWallboard(hotline.url) : null;
    await vacuum?.stop();
    const v = await verifyHeard(pool, heardBy(records));
    const { load, badStatuses, serverErrors, apologies, busy, serverLog } = summariseCalls(records, recorder, hotline);

    // Steady state: from the 5th second to the end of arrivals.
    const series = recorder.perSecond;
    const steady = series.slice(Math.min(5, series.length - 1), Math.max(6, Math.floor(arrivals.arrivalSeconds)));
    const callErrors = records.filter((r) => r.error && !r.error.kind.startsWith("http_"));
    const fulls = records.flatMap((r) => r.fullChecks);
    const unchecked = fulls.filter((c) => c.free === NOT_FOUND || c.free === UNCHECKED).length;
    const errors = badStatuses + callErrors.length + apologies + unchecked + (arrivals.drained ? 0 : 1);
    const falseFull = fulls.filter((c) => c.free > 0);
    const doubleBookings = v.doubleBookings + v.confirmedMissing.length;
    const completed = records.filter((r) => !r.error && !r.busyTone).length;
    const span = Math.max(...records.map((r) => r.endedMs)) - Math.min(...records.map((r) => r.startedMs));
    const { offers = 0, accepted = 0, missed = 0, apiErrors: agentApiErrors = 0 } = agentTotals ?? {};
    const agentsAgree = !wallboard || wallboard.answered === accepted;

    const samples = [
      ...[...callErrors, ...busy].slice(0, 3).map(sampleOf),
      ...falseFull.slice(0, 3).map((c) => `false full: ${c.kind} ${c.name} had ${c.free} free pairs`),
      ...load.errorSamples.slice(0, 3),
    ];
    if (samples.length) log(`samples:\n  ${samples.join("\n  ")}`);
    printServerLog(serverLog, hotline);
    const drainText = arrivals.drained ? "" : ", drain timeout";
    const pass = printChecks([
      {
        ok: errors === 0,
        text: `errors ${errors} (bad statuses ${badStatuses}, call errors ${callErrors.length}, apologies ${apologies}, unchecked "full" ${unchecked}${drainText})`,
      },
      { ok: serverErrors === 0, text: `serverErrors ${serverErrors}` },
      { ok: busy.length === 0, text: `busyTones ${busy.length}` },
      {
        ok: doubleBookings === 0,
        text: `doubleBookings ${doubleBookings} (ledger ${v.overbooked}, persons with 2+ ${v.personsWithTwoBookings}, confirmed missing ${v.confirmedMissing.length})`,
      },
      { ok: falseFull.length === 0, text: `falseFull ${falseFull.length} of ${fulls.length} "full" answers` },
      { ok: agentsAgree, text: `wallboard answered ${wallboard?.answered ?? "-"} = agents accepted ${accepted}` },
      { ok: agentApiErrors === 0, text: `agents' console API errors ${agentApiErrors}` },
    ]);
    const outcomes = countOutcomes(records);
    const line = {
      benchmark: "launch",
      date: new Date().toISOString(),
      quick: o.quick,
      offeredCallsPerSecond: o.rate,
      workers: o.workers,
      callers: records.length,
      requestsPerSecond: round(sum(steady) / Math.max(1, steady.length), 1),
      p99Ms: load.latency.p99Ms,
      launchDaysPerHour: round((completed / Math.max(1, span / 1000) / KVWL_CALLS) * 3600, 3),
      bookings: v.confirmedHeard,
      waitlistRegistered: records.filter((r) => r.waitlistHeard).length,
      outcomes,
      errors,
      serverErrors,
      busyTones: busy.length,
      doubleBookings,
      falseFull: falseFull.length,
      offers,
      accepted,
      missed,
      answeredByAgent: outcomes.answeredByAgent,
      avgSpeedOfAnswerSeconds: agentTotals?.avgSpeedOfAnswerSeconds ?? null,
      wallboard,
      agentsAgree,
      agentApiErrors,
    };
    return { file: "launch.json", line, exitCode: pass ? 0 : 1 };
  },
  {
    hardLimitSeconds: 180 + o.seconds + drainSeconds + 60,
    failureLine: (error) => ({ callers: 0, error: String(error).slice(0, 300), errors: 1 }),
  },
);
