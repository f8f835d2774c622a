// bench:callbacks' claimers and what is checked after them: workers that loop claimNext →
// record(claim, "connected") until the deadline or until nothing is left, whether any request
// was served twice, whether every counted completion reached the database, how closely the
// served order followed the priority groups, and the query plans of the statements a claim and
// a registration run.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { CallbackService } from "../../../ivr/src/domain/callbacks/callback-service.ts";
import { machineBusyMs } from "../harness/proc-stats.ts";

const MAX_ERRORS = 50;

export async function runClaimers(callbacks: CallbackService, workers: number, seconds: number) {
  const run = {
    workers,
    startedAt: performance.now(),
    elapsedSeconds: 0,
    claims: 0,
    completions: 0,
    errors: 0,
    errorSamples: [] as string[],
    /** A claimNext returned null: nothing due was left (or only rows other workers held). */
    emptied: false,
    claimMs: [] as number[],
    cycleMs: [] as number[],
    /** Per completed request, in completion order: id, priority group, release window, when its claim returned. */
    served: [] as { id: number; group: number; window: number; claimedAt: number }[],
    /** CPU of this process and busy CPU of the whole machine during the run, ms. */
    cpuMs: 0,
    machineCpuMs: 0,
  };
  const fail = (error: unknown) => {
    run.errors++;
    if (run.errorSamples.length < 5) run.errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  const deadline = run.startedAt + seconds * 1000;
  const worker = async (n: number) => {
    while (performance.now() < deadline && !run.emptied && run.errors < MAX_ERRORS) {
      const t0 = performance.now();
      let claim;
      try {
        claim = await callbacks.claimNext(`bench-w${n}`);
      } catch (error) {
        fail(error);
        continue;
      }
      const t1 = performance.now();
      if (!claim) {
        run.emptied = true;
        break;
      }
      run.claims++;
      run.claimMs.push(t1 - t0);
      try {
        const done = await callbacks.record(claim, "connected");
        if (done?.status !== "done")
          throw new Error(`request ${claim.request.id}: completion refused (status ${done?.status ?? "?"})`);
        run.completions++;
        run.cycleMs.push(performance.now() - t0);
        const r = claim.request;
        run.served.push({ id: r.id, group: r.priorityGroup, window: r.releaseWindow.getTime(), claimedAt: t1 });
      } catch (error) {
        fail(error);
      }
    }
  };
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  await Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  run.elapsedSeconds = (performance.now() - run.startedAt) / 1000;
  run.machineCpuMs = machineBusyMs() - machine;
  const used = process.cpuUsage(cpu);
  run.cpuMs = (used.user + used.system) / 1000;
  return run;
}
export type ClaimRun = Awaited<ReturnType<typeof runClaimers>>;

export async function checkClaims(db: pg.Client, run: ClaimRun) {
  const { rows } = await db.query<{ done: number; open: number }>(
    "SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status IN ('claimed', 'dialling'))::int AS open FROM callback_request",
  );
  const counts = rows[0]!;
  // No lease expires during the run, so a row claimed more than once is a double claim.
  const twice = await db.query<{ id: number }>("SELECT id FROM callback_request WHERE attempts > 1");
  const seen = new Set<number>();
  const logged = new Set<number>();
  for (const { id } of run.served) (seen.has(id) ? logged : seen).add(id);
  const problems: string[] = [];
  if (counts.done !== run.completions)
    problems.push(`database has ${counts.done} done requests, workers counted ${run.completions} completions`);
  if (counts.open > 0) problems.push(`${counts.open} requests left claimed without completion`);
  return {
    /** Rows with status done; must equal the completions the workers counted. */
    doneRows: counts.done,
    claimedTwice: twice.rows.length,
    /** Requests whose id appears more than once in the workers' completions. */
    loggedTwice: logged.size,
    /** Distinct requests in either list: must be 0. */
    duplicates: new Set([...logged, ...twice.rows.map((r) => r.id)]).size,
    problems,
    ...servedOrder(run),
  };
}

/**
 * Walks the completions in the order their claims returned. Concurrent claimers take the first
 * rows nobody else holds, so at a group boundary one worker can take the last row of group g
 * while another takes the first of g+1 and returns first: expect up to about (workers - 1)
 * inversions per boundary crossed, each within one claim latency.
 */
function servedOrder(run: ClaimRun) {
  const firstAt = new Array<number>(8).fill(Infinity);
  const servedByGroup = new Array<number>(8).fill(0);
  let maxGroup = -1;
  let maxKey: [number, number] = [-1, -Infinity];
  let inversions = 0;
  let windowInversions = 0;
  let inversionMaxLagMs = 0;
  for (const { group: g, window: w, claimedAt: at } of [...run.served].sort((a, b) => a.claimedAt - b.claimedAt)) {
    servedByGroup[g]!++;
    if (g < maxGroup) {
      inversions++;
      inversionMaxLagMs = Math.max(inversionMaxLagMs, at - Math.min(...firstAt.slice(g + 1)));
    }
    if (g < maxKey[0] || (g === maxKey[0] && w < maxKey[1])) windowInversions++;
    else maxKey = [g, w];
    maxGroup = Math.max(maxGroup, g);
    firstAt[g] = Math.min(firstAt[g]!, at);
  }
  return { inversions, inversionMaxLagMs, windowInversions, servedByGroup };
}

// The statements every claimNext runs (lease reaping, the claim) and the count of requests ahead
// every register() runs. They mirror PrismaCallbackStore's reapExpiredLeases, claimNext and
// countAhead; keep them in step.
const PLANNED = {
  reap: `UPDATE callback_request SET status = 'pending', claimed_by = NULL, claim_token = NULL, lease_until = NULL,
       updated_at = $1::timestamptz WHERE status IN ('claimed', 'dialling') AND lease_until < $1::timestamptz`,
  claim: `UPDATE callback_request SET status = 'claimed', claimed_by = $1, claim_token = $2::uuid,
       lease_until = $3::timestamptz, attempts = attempts + 1, updated_at = $4::timestamptz
 WHERE id = (SELECT id FROM callback_request WHERE status = 'pending' AND next_attempt_at <= $4::timestamptz
              ORDER BY priority_group, release_window, random_rank LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING *`,
  countAhead: `SELECT count(*)::int AS n FROM callback_request o, callback_request me
 WHERE me.id = $1::int AND o.id <> me.id AND o.status IN ('pending', 'claimed', 'dialling') AND o.next_attempt_at IS NOT NULL
   AND (o.priority_group, o.release_window, o.random_rank) < (me.priority_group, me.release_window, me.random_rank)`,
};

/** EXPLAIN (ANALYZE, BUFFERS) of each statement in a transaction that is rolled back: nothing is claimed. */
export async function explainClaim(db: pg.Client, now: Date, leaseSeconds: number) {
  const newest = (await db.query<{ id: number }>("SELECT max(id) AS id FROM callback_request")).rows[0]!.id;
  const lease = new Date(now.getTime() + leaseSeconds * 1000);
  const params = { reap: [now], claim: ["explain", randomUUID(), lease, now], countAhead: [newest] };
  const plans = [];
  for (const statement of ["reap", "claim", "countAhead"] as const) {
    await db.query("BEGIN");
    try {
      const { rows } = await db.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${PLANNED[statement]}`,
        params[statement],
      );
      const lines = rows.map((r) => r["QUERY PLAN"]);
      const text = lines.join("\n");
      const buffers = /Buffers: shared ([^\n]*)/.exec(text)?.[1] ?? "";
      plans.push({
        statement,
        executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
        /** Indexes the plan names, in order. */
        indexes: [...new Set([...text.matchAll(/using (\S+) on/gi)].map((m) => m[1]!))],
        /** Shared buffers hit + read by the whole statement (pages touched). */
        buffers: [...buffers.matchAll(/(?:hit|read)=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0),
        lines,
      });
    } finally {
      await db.query("ROLLBACK");
    }
  }
  return plans;
}
export type PlanSummary = Awaited<ReturnType<typeof explainClaim>>[number];
