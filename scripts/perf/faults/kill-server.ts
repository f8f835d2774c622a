// `npm run fault:kill-server [-- --quick] [--rate 6 --seconds 45]`: the worker holding the dialler's
// lease (`host:pid`, a child of our hotline) gets SIGKILL mid-run, with callbacks registered just
// before and after. It checks that another worker takes the lease and dials them all.
import { loadConfig } from "../../../ivr/src/config.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import { openServices } from "../../../ivr/src/services.ts";
import { DIALLER_LEASE } from "../../../ivr/src/background-jobs.ts";
import { log, onCleanup, sleep } from "../harness/command.ts";
import { newPool } from "../harness/ledger-checks.ts";
import { check, runMidRunFault } from "./mid-run.ts";

const AGENTS = 3;
const CALLBACKS = 3;
const TAKEOVER_LIMIT_S = 15;

/** Calls `read` every 100 ms until `done(value)` or 30 s have passed; the last value. */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(100);
    value = await read();
  }
  return value;
}

runMidRunFault({
  name: "fault:kill-server",
  prefix: "fault_kill_server",
  seconds: { default: 45, quick: 20, min: 6, max: 600 },
  // The dead dialler's claims are free again after 5 s; no offers, so that the dialler dials.
  env: { CALLBACK_WORKER: "in-process", CALLBACK_LEASE_SECONDS: "5", CALLBACK_OFFERS: "off" },
  async inject({ hotline, inFlight, databaseUrl }) {
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
    const holder = async () => {
      const sql = "SELECT holder FROM lease WHERE name = $1 AND lease_until > now()";
      return (await pool.query<{ holder: string }>(sql, [DIALLER_LEASE])).rows[0]?.holder ?? null;
    };
    const ids: number[] = [];
    const register = async () => {
      for (let i = 0; i < CALLBACKS; i++) {
        const phone = `+49521777${String(ids.length).padStart(4, "0")}`;
        const input = { phone, phoneSource: "caller-id", language: "de", reason: "agent" } as const;
        const more = { birthYear: 1936, hasCode: false, context: {}, holdId: null, originCallSid: null };
        ids.push((await services.callbacks.register({ ...input, ...more })).request.id);
      }
    };

    const dialler = await holder();
    const killedPid = Number(dialler?.split(":").at(-1));
    const workers = hotline.workerPids();
    if (!workers.includes(killedPid)) throw new Error(`the dialler's lease is held by ${dialler}, not by ${workers}`);
    await register();
    const callsInFlightAtKill = inFlight();
    process.kill(killedPid, "SIGKILL");
    const killedAtMs = Date.now();
    log(`SIGKILL to worker ${killedPid}, the dialler, ${callsInFlightAtKill} calls in flight`);
    await register();
    const taker = await poll(holder, (h) => h !== null && h !== dialler);
    const takeoverHolder = taker !== dialler ? taker : null;
    const takeoverSeconds = takeoverHolder ? Math.round((Date.now() - killedAtMs) / 100) / 10 : null;
    // The new dialler works through the callbacks while calls keep coming.
    const sql = `SELECT count(DISTINCT request_id)::int AS n FROM callback_attempt
                  WHERE request_id = ANY($1::int[]) AND call_sid IS NOT NULL`;
    const dialled = async () => (await pool.query<{ n: number }>(sql, [ids])).rows[0]!.n;
    const callbacksDialled = await poll(dialled, (n) => n === ids.length);
    const takeover = { takeoverSeconds, takeoverHolder, callbacksRegistered: ids.length, callbacksDialled };
    return { killedPid, killedAtMs, callsInFlightAtKill, ...takeover };
  },
  checks(info, records) {
    const { takeoverHolder, takeoverSeconds, callbacksDialled, callbacksRegistered, killedAtMs } = info;
    const tookOver = takeoverSeconds !== null && takeoverSeconds <= TAKEOVER_LIMIT_S;
    // A booking heard after the kill, however long the waits above took.
    const bookedAfter = records.some((r) => r.bookedAtMs !== null && r.bookedAtMs > killedAtMs);
    return [
      check(info.callsInFlightAtKill > 0, `${info.callsInFlightAtKill} calls in flight at the kill`),
      check(tookOver, `${takeoverHolder} took the lease after ${takeoverSeconds} s (limit ${TAKEOVER_LIMIT_S} s)`),
      check(callbacksDialled === callbacksRegistered, `${callbacksDialled}/${callbacksRegistered} callbacks dialled`),
      check(bookedAfter, "calls still booked after the kill"),
    ];
  },
});
