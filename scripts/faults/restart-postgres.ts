// Fault injection: PostgreSQL restarts mid-run. `npm run fault:restart-postgres [-- --quick]
// [--rate 6 --seconds 45 --recover-seconds 30]`.
//
// WARNING: this restarts the machine's LOCAL PostgreSQL CLUSTER (`pg_ctlcluster
// --skip-systemctl-redirect <version> main restart`, the version from /etc/postgresql), which
// every other user of that server notices (their connections are cut). Acceptable in CI; on a
// shared machine run it alone. Whatever happens (failure, SIGINT), the cluster is started
// again before the script exits if it is down.
//
// The real hotline with `--workers 2` on a fresh database; callers on the booking path arrive
// open-loop; at a third of the run PostgreSQL restarts while calls are in flight; calls keep
// coming. While it is down, webhooks must answer with friendly TwiML (an apology, the fallback
// that takes a callback number into the journal), never 5xx; afterwards the hotline recovers
// by itself: a call that starts after PostgreSQL is back hears a booking confirmed within
// --recover-seconds. Checks: scripts/faults/mid-run/drive.ts (nothing confirmed is lost; the
// fallback journal's callbacks are replayed), plus these.
import { execFile, execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { runMidRunFault } from "./mid-run/drive.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rate: { type: "string" },
    seconds: { type: "string" },
    "recover-seconds": { type: "string", default: "30" },
  },
});
const quick = args.quick ?? false;
const rate = Number(args.rate ?? (quick ? 4 : 6));
const seconds = Number(args.seconds ?? (quick ? 24 : 45));
const recoverSeconds = Number(args["recover-seconds"]);
if (!(rate > 0 && rate <= 100) || !(seconds >= 10 && seconds <= 600) || !(recoverSeconds > 0))
  throw new Error("--rate in (0, 100], --seconds in [10, 600], --recover-seconds > 0");

const versions = readdirSync("/etc/postgresql").filter((v) => /^\d+$/.test(v));
if (versions.length !== 1)
  throw new Error(`expected one PostgreSQL version in /etc/postgresql, found: ${versions.join(", ") || "none"}`);
const version = versions[0]!;
const run = promisify(execFile);
const pgctl = (action: "restart" | "start") =>
  run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action], { timeout: 60_000 });

/** True when `pg_ctlcluster <v> main status` says the server is running. */
function clusterRunning(): boolean {
  try {
    execFileSync("pg_ctlcluster", [version, "main", "status"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

interface RestartInfo extends Record<string, unknown> {
  restartStartedMs: number;
  restartSeconds: number;
  callsInFlightAtRestart: number;
  recoverySeconds: number | null;
}

void runMidRunFault<RestartInfo>({
  name: "fault:restart-postgres",
  prefix: "fault_restart_pg",
  quick,
  rate,
  seconds,
  faultAt: Math.round(seconds / 3),
  fallbackWaitSeconds: 30,
  async restore() {
    if (!clusterRunning()) {
      process.stderr.write(`PostgreSQL ${version}/main is down: starting it again\n`);
      await pgctl("start");
    }
  },
  async inject({ log, inFlight }) {
    const callsInFlightAtRestart = inFlight();
    const restartStartedMs = Date.now();
    log(`restarting PostgreSQL ${version}/main (the local cluster), ${callsInFlightAtRestart} calls in flight ...`);
    await pgctl("restart");
    const restartSeconds = Math.round((Date.now() - restartStartedMs) / 100) / 10;
    log(`PostgreSQL back after ${restartSeconds} s`);
    return { restartStartedMs, restartSeconds, callsInFlightAtRestart, recoverySeconds: null };
  },
  async checks(info, records) {
    const back = info.restartStartedMs + info.restartSeconds * 1000;
    // Recovery: the first confirmation heard by a call that started after PostgreSQL was back.
    const after = records.filter((r) => r.startedMs >= back && r.bookedAtMs !== null).map((r) => r.bookedAtMs!);
    info.recoverySeconds = after.length ? Math.round((Math.min(...after) - back) / 100) / 10 : null;
    const during = records.filter((r) => r.startedMs <= back && r.endedMs >= info.restartStartedMs);
    const friendly = during.filter((r) => !r.error && !r.busyTone);
    info.callsDuringOutage = during.length;
    info.apologiesDuringOutage = during.reduce((s, r) => s + r.apologies, 0);
    return [
      { ok: clusterRunning(), text: `PostgreSQL ${version}/main running at the end` },
      {
        ok: info.callsInFlightAtRestart > 0,
        text: `${info.callsInFlightAtRestart} calls in flight at the restart (${info.restartSeconds} s)`,
      },
      {
        ok: friendly.length === during.length,
        text: `${friendly.length}/${during.length} calls during the outage got friendly TwiML throughout (${info.apologiesDuringOutage} apologies, ${during.filter((r) => r.fallbackHeard).length} left a number with the fallback)`,
      },
      {
        ok: info.recoverySeconds !== null && info.recoverySeconds <= recoverSeconds,
        text: `bookings again ${info.recoverySeconds ?? "never"} s after PostgreSQL was back (limit ${recoverSeconds} s)`,
      },
    ];
  },
});
