// Fault injection: the dialling server process dies mid-call. `npm run fault:kill-server
// [-- --quick] [--rate 6 --seconds 45 --callbacks 3]` (--quick: 4 calls/s for 20 s).
//
// The real hotline with `--workers 2`, each worker standing by to dial callbacks (the one holding
// the dialler's lease, table `lease`, dials); three agents available. Callers on the booking path
// arrive open-loop; at a third of the run --callbacks requests are registered, the worker that
// holds the dialler's lease (its pid is in the holder, `host:pid`) gets SIGKILL while calls are
// in flight, and --callbacks more are registered. Calls keep coming; the primary starts a new
// worker. A webhook that hit the dead process failed in transport and is sent once more,
// identically (Twilio's retry); it must get a friendly answer from the live worker. Checks:
// mid-run.ts, plus: the killed pid was the dialler and a worker, it is gone, the cluster is
// back to two workers, another process took the lease within --takeover-limit seconds, and
// every callback registered before and after the kill was dialled. Only the pid found here,
// a child of our own hotline, is signalled.
import { loadConfig } from "../../../ivr/src/config.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import { openServices } from "../../../ivr/src/services.ts";
import { DIALLER_LEASE } from "../../../ivr/src/background-jobs.ts";
import { log, onCleanup, sleep } from "../harness/command.ts";
import { newPool } from "../harness/ledger-checks.ts";
import { runMidRunFault } from "./mid-run.ts";

const AGENTS = 3;
const DIAL_WAIT_SECONDS = 30;
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;
/** Reads, after the run, which of the callbacks registered around the kill had a call placed. */
let dialled: () => Promise<{ rows: { id: number; calls: number; by: string[] }[]; twice: number; by: string[] }>;
/** When the SIGKILL was sent (not in the JSON line, whose fields stay as they were). */
let killedAtMs = 0;

runMidRunFault({
  name: "fault:kill-server",
  prefix: "fault_kill_server",
  seconds: { default: 45, quick: 20, min: 6, max: 600 },
  options: {
    callbacks: { default: 3, min: 1, max: 50, integer: true },
    "takeover-limit": { default: 15, above: 0 },
  },
  // Every worker stands by to dial; a claim the dead dialler held is free again after 5 s.
  // The dialler's path is what this fault tries; with callback offers no process would dial.
  env: { CALLBACK_WORKER: "in-process", CALLBACK_LEASE_SECONDS: "5", CALLBACK_OFFERS: "off" },
  async inject({ hotline, inFlight, databaseUrl, options }) {
    const pool = newPool(databaseUrl, 2);
    onCleanup(() => pool.end());
    const config = loadConfig({ DATABASE_URL: databaseUrl, AUTO_SEED: "false", LOG_LEVEL: "warn", DB_POOL_SIZE: "2" });
    const services = await openServices(config, createLogger("error"));
    onCleanup(() => services.close());
    await pool.query(
      `INSERT INTO agent (id, display_name, state) SELECT 'fault-agent-' || i, 'Fault agent ' || i, 'available'
         FROM generate_series(1, $1::int) i ON CONFLICT (id) DO UPDATE SET state = 'available'`,
      [AGENTS],
    );
    const holder = async () =>
      (
        await pool.query<{ holder: string }>("SELECT holder FROM lease WHERE name = $1 AND lease_until > now()", [
          DIALLER_LEASE,
        ])
      ).rows[0]?.holder ?? null;
    let serial = 0;
    const register = async (count: number) => {
      const ids: number[] = [];
      for (let i = 0; i < count; i++) {
        const phone = `+49521777${String(serial++).padStart(4, "0")}`;
        const input = { phone, phoneSource: "caller-id", language: "de", reason: "agent" } as const;
        const more = { birthYear: 1936, hasCode: false, context: {}, holdId: null, originCallSid: null };
        ids.push((await services.callbacks.register({ ...input, ...more })).request.id);
      }
      return ids;
    };

    const workersBefore = hotline.workerPids();
    const dialler = await holder();
    const killedPid = Number(dialler?.split(":").at(-1));
    if (!workersBefore.includes(killedPid))
      throw new Error(`the dialler's lease is held by ${dialler}, not by a worker (${workersBefore.join(", ")})`);
    const callbacksBefore = await register(Number(options.callbacks));
    const callsInFlightAtKill = inFlight();
    process.kill(killedPid, "SIGKILL");
    const t = (killedAtMs = Date.now());
    log(
      `SIGKILL to worker ${killedPid}, the dialler (workers ${workersBefore.join(", ")}), ${callsInFlightAtKill} calls in flight`,
    );
    const callbacksAfter = await register(Number(options.callbacks));
    /** Polls `read` every 100 ms until it gives something (or 30 s pass); with the seconds since the kill. */
    const until = async <T>(read: () => T | null | Promise<T | null>) => {
      for (let value = await read(); Date.now() - t < 30_000; value = await read()) {
        if (value !== null) return { value, seconds: seconds(t) };
        await sleep(100);
      }
      return null;
    };
    const [takeover, restart] = await Promise.all([
      until(async () => {
        const now = await holder();
        return now && now !== dialler ? now : null;
      }),
      until(() => {
        const now = hotline.workerPids();
        return now.length >= workersBefore.length && !now.includes(killedPid) ? now : null;
      }),
    ]);
    log(takeover ? `${takeover.value} took the dialler's lease after ${takeover.seconds} s` : "no takeover in 30 s");
    const workersAfter = restart?.value ?? hotline.workerPids();
    const started = workersAfter.filter((p) => !workersBefore.includes(p));
    log(
      restart
        ? `the primary started worker ${started.join(", ")} after ${restart.seconds} s`
        : "no new worker within 30 s",
    );
    dialled = async () => {
      const { rows } = await pool.query<{ id: number; calls: number; by: string[] }>(
        `SELECT request_id AS id, count(*)::int AS calls, array_agg(DISTINCT claimed_by) AS by FROM callback_attempt
          WHERE request_id = ANY($1::int[]) AND call_sid IS NOT NULL GROUP BY request_id`,
        [[...callbacksBefore, ...callbacksAfter]],
      );
      return { rows, twice: rows.filter((r) => r.calls > 1).length, by: [...new Set(rows.flatMap((r) => r.by))] };
    };
    return {
      killedPid,
      diallerHolder: dialler,
      workersBefore,
      callsInFlightAtKill,
      workersAfter,
      restartSeconds: restart?.seconds ?? null,
      takeoverSeconds: takeover?.seconds ?? null,
      takeoverHolder: takeover?.value ?? null,
      callbacksRegistered: callbacksBefore.length + callbacksAfter.length,
      callbacksDialled: 0,
      callbacksDialledTwice: 0,
      dialledBy: [] as string[],
    };
  },
  async checks(info, records, { hotline, options }) {
    const deadline = Date.now() + DIAL_WAIT_SECONDS * 1000;
    let d = await dialled();
    while (d.rows.length < info.callbacksRegistered && Date.now() < deadline) {
      await sleep(500);
      d = await dialled();
    }
    Object.assign(info, { callbacksDialled: d.rows.length, callbacksDialledTwice: d.twice, dialledBy: d.by });
    const limit = Number(options["takeover-limit"]);
    const now = hotline.workerPids();
    return [
      {
        ok: info.workersBefore.length === 2,
        text: `two workers under the primary before the kill (${info.workersBefore.join(", ")})`,
      },
      {
        ok: info.diallerHolder !== null,
        text: `worker ${info.killedPid} held the dialler's lease (${info.diallerHolder}) and was killed`,
      },
      { ok: info.callsInFlightAtKill > 0, text: `${info.callsInFlightAtKill} calls in flight at the kill` },
      {
        ok: info.restartSeconds !== null && now.length === 2 && !now.includes(info.killedPid),
        text: `worker ${info.killedPid} replaced (after ${info.restartSeconds ?? "-"} s); workers now ${now.join(", ")}`,
      },
      {
        ok: info.takeoverSeconds !== null && info.takeoverSeconds <= limit,
        text: `${info.takeoverHolder ?? "no process"} took the dialler's lease after ${info.takeoverSeconds ?? "-"} s (limit ${limit} s)`,
      },
      {
        ok: d.rows.length === info.callbacksRegistered,
        text: `${d.rows.length}/${info.callbacksRegistered} callbacks registered before and after the kill dialled (by ${d.by.join(", ") || "-"}; ${d.twice} dialled twice)`,
      },
      {
        // A booking heard after the kill (not "a call of the last --seconds before now": the checks
        // above may wait for the dialler, and on a busy machine that wait outlasts the run).
        ok: records.some((r) => r.bookedAtMs !== null && r.bookedAtMs > killedAtMs),
        text: "calls still booked after the kill",
      },
    ];
  },
});
