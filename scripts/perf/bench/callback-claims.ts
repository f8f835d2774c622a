// bench:callbacks' claimers and the check after them: workers loop claimNext →
// record(claim, "connected") until the deadline or until nothing is left; then no request may
// have been served twice and every counted completion must be in the database.
import type pg from "pg";
import type { CallbackService } from "../../../ivr/src/domain/callbacks/callback-service.ts";

const MAX_ERRORS = 50;

export async function runClaimers(callbacks: CallbackService, workers: number, seconds: number) {
  // claimMs: claimNext (lease reaping and the claim UPDATE); completed: ids of completed requests.
  const run = { claims: 0, errors: [] as string[], claimMs: [] as number[], completed: [] as number[] };
  const started = performance.now();
  let emptied = false;
  const worker = async (n: number) => {
    while (performance.now() < started + seconds * 1000 && !emptied && run.errors.length < MAX_ERRORS) {
      try {
        const t0 = performance.now();
        const claim = await callbacks.claimNext(`bench-w${n}`);
        if (!claim) {
          emptied = true; // nothing due left (or only rows other workers hold)
          break;
        }
        run.claims++;
        run.claimMs.push(performance.now() - t0);
        const done = await callbacks.record(claim, "connected");
        if (done?.status !== "done")
          throw new Error(`request ${claim.request.id}: completion refused (status ${done?.status ?? "?"})`);
        run.completed.push(claim.request.id);
      } catch (error) {
        run.errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  return { ...run, elapsedSeconds: (performance.now() - started) / 1000 };
}

/** Requests served twice (by the workers' log or the database's attempt counts), and what does not add up. */
export async function checkClaims(db: pg.Client, run: Awaited<ReturnType<typeof runClaimers>>) {
  const { rows } = await db.query<{ done: number; open: number; twice: number[] }>(`
    SELECT count(*) FILTER (WHERE status = 'done')::int AS done,
           count(*) FILTER (WHERE status IN ('claimed', 'dialling'))::int AS open,
           COALESCE(array_agg(id) FILTER (WHERE attempts > 1), '{}') AS twice
      FROM callback_request`);
  const { done, open, twice } = rows[0]!;
  // No lease expires during the run, so a row claimed more than once is a double claim.
  const duplicates = new Set(twice);
  const seen = new Set<number>();
  for (const id of run.completed) (seen.has(id) ? duplicates : seen).add(id);
  const problems: string[] = [];
  if (done !== run.completed.length)
    problems.push(`database has ${done} done requests, workers counted ${run.completed.length} completions`);
  if (open > 0) problems.push(`${open} requests left claimed without completion`);
  return { duplicates: duplicates.size, problems };
}
