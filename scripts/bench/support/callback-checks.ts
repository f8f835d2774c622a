// After the claim phase: was any request served twice, did every counted completion reach the
// database, and how closely did the served order follow the priority groups?
import type pg from "pg";
import type { ClaimRun } from "./callback-claimers.ts";

export interface ClaimCheck {
  /** Rows with status done; must equal the completions the workers counted. */
  doneRows: number;
  /** Rows claimed more than once (attempts > 1): no lease expires in the run, so any is a double claim. */
  claimedTwice: number;
  /** Requests whose id appears more than once in the workers' completion logs. */
  loggedTwice: number;
  /** Distinct requests in either of the two lists above. Must be 0. */
  duplicates: number;
  /** Claims left open (a worker claimed and never completed). */
  openClaims: number;
  problems: string[];
  /** Completions served after one from a lower-priority (higher-numbered) group had been claimed. */
  inversions: number;
  /** The longest such overtaking, in ms between the two claims. */
  inversionMaxLagMs: number;
  /** The same, by (group, release window): includes the group inversions. */
  windowInversions: number;
  servedByGroup: number[];
}

export async function checkClaims(db: pg.Client, run: ClaimRun): Promise<ClaimCheck> {
  const {
    rows: [counts],
  } = await db.query<{ done: number; open: number }>(
    "SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status IN ('claimed', 'dialling'))::int AS open FROM callback_request",
  );
  const { rows: twice } = await db.query<{ id: number }>("SELECT id FROM callback_request WHERE attempts > 1");
  const seen = new Set<number>();
  const logged = new Set<number>();
  for (const id of run.ids) (seen.has(id) ? logged : seen).add(id);
  const duplicates = new Set([...logged, ...twice.map((r) => r.id)]).size;
  const problems: string[] = [];
  if (counts!.done !== run.completions)
    problems.push(`database has ${counts!.done} done requests, workers counted ${run.completions} completions`);
  if (counts!.open > 0) problems.push(`${counts!.open} requests left claimed without completion`);
  return {
    doneRows: counts!.done,
    claimedTwice: twice.length,
    loggedTwice: logged.size,
    duplicates,
    openClaims: counts!.open,
    problems,
    ...servedOrder(run),
  };
}

/**
 * Walks the completions in the order their claims returned (across workers and processes).
 * Concurrent claimers take the first rows nobody else holds, so at a group boundary one worker
 * can take the last row of group g while another takes the first of g+1 and returns first:
 * expect up to about (workers - 1) inversions per boundary crossed, each within one claim latency.
 */
function servedOrder(run: ClaimRun) {
  const order = run.ids.map((_, i) => i).sort((a, b) => run.claimedAt[a]! - run.claimedAt[b]!);
  const firstAt = new Array<number>(8).fill(Infinity);
  const servedByGroup = new Array<number>(8).fill(0);
  let maxGroup = -1;
  let maxKey: [number, number] = [-1, -Infinity];
  let inversions = 0;
  let windowInversions = 0;
  let inversionMaxLagMs = 0;
  for (const i of order) {
    const g = run.groups[i]!;
    const w = run.windows[i]!;
    const at = run.claimedAt[i]!;
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
