// Fault injection: PostgreSQL restarts mid-run. `npm run fault:restart-postgres [-- --quick]
// [--rate 6 --seconds 45 --recover-seconds 30]` (--quick: 4 calls/s for 24 s).
//
// WARNING: this restarts the machine's LOCAL PostgreSQL CLUSTER (`pg_ctlcluster
// --skip-systemctl-redirect <version> main restart`, the version from /etc/postgresql), which
// every other user of that server notices (their connections are cut). Acceptable in CI; on a
// shared machine run it alone. Whatever happens (failure, SIGINT), the cluster is started again
// before the script exits if it is down.
//
// The real hotline with `--workers 2`; callers on the booking path arrive open-loop; at a third
// of the run PostgreSQL restarts while calls are in flight; calls keep coming. While it is down,
// webhooks must answer with friendly TwiML (an apology, the fallback that takes a callback
// number into the journal), never 5xx; afterwards the hotline recovers by itself: a call that
// starts after PostgreSQL is back hears a booking confirmed within --recover-seconds. Checks:
// mid-run.ts (nothing confirmed is lost; the fallback journal's callbacks are replayed), plus these.
import { execFile, execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { log, onCleanup } from "../harness/command.ts";
import { runMidRunFault } from "./mid-run.ts";

const versions = readdirSync("/etc/postgresql").filter((v) => /^\d+$/.test(v));
if (versions.length !== 1)
  throw new Error(`expected one PostgreSQL version in /etc/postgresql, found: ${versions.join(", ") || "none"}`);
const version = versions[0]!;
const pgctl = (action: "restart" | "start") =>
  promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action], { timeout: 60_000 });

/** True when `pg_ctlcluster <v> main status` says the server is running. */
function clusterRunning(): boolean {
  try {
    execFileSync("pg_ctlcluster", [version, "main", "status"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

runMidRunFault({
  name: "fault:restart-postgres",
  prefix: "fault_restart_pg",
  seconds: { default: 45, quick: 24, min: 10, max: 600 },
  options: { "recover-seconds": { default: 30, above: 0 } },
  fallbackWaitSeconds: 30,
  async inject({ inFlight }) {
    // Registered now, so it runs before the database is dropped however the run ends.
    onCleanup(async () => {
      if (clusterRunning()) return;
      process.stderr.write(`PostgreSQL ${version}/main is down: starting it again\n`);
      await pgctl("start");
    });
    const callsInFlightAtRestart = inFlight();
    const restartStartedMs = Date.now();
    log(`restarting PostgreSQL ${version}/main (the local cluster), ${callsInFlightAtRestart} calls in flight ...`);
    await pgctl("restart");
    const restartSeconds = Math.round((Date.now() - restartStartedMs) / 100) / 10;
    log(`PostgreSQL back after ${restartSeconds} s`);
    const info = { restartStartedMs, restartSeconds, callsInFlightAtRestart };
    return { ...info, recoverySeconds: null as number | null, callsDuringOutage: 0, apologiesDuringOutage: 0 };
  },
  checks(info, records, { options }) {
    const limit = Number(options["recover-seconds"]);
    const back = info.restartStartedMs + info.restartSeconds * 1000;
    // Recovery: the first confirmation heard by a call that started after PostgreSQL was back.
    const after = records.filter((r) => r.startedMs >= back && r.bookedAtMs !== null).map((r) => r.bookedAtMs!);
    info.recoverySeconds = after.length ? Math.round((Math.min(...after) - back) / 100) / 10 : null;
    const during = records.filter((r) => r.startedMs <= back && r.endedMs >= info.restartStartedMs);
    const friendly = during.filter((r) => !r.error && !r.busyTone);
    info.callsDuringOutage = during.length;
    info.apologiesDuringOutage = during.reduce((s, r) => s + r.apologies, 0);
    const fallback = during.filter((r) => r.fallbackHeard).length;
    return [
      { ok: clusterRunning(), text: `PostgreSQL ${version}/main running at the end` },
      {
        ok: info.callsInFlightAtRestart > 0,
        text: `${info.callsInFlightAtRestart} calls in flight at the restart (${info.restartSeconds} s)`,
      },
      {
        ok: friendly.length === during.length,
        text: `${friendly.length}/${during.length} calls during the outage got friendly TwiML throughout (${info.apologiesDuringOutage} apologies, ${fallback} left a number with the fallback)`,
      },
      {
        ok: info.recoverySeconds !== null && info.recoverySeconds <= limit,
        text: `bookings again ${info.recoverySeconds ?? "never"} s after PostgreSQL was back (limit ${limit} s)`,
      },
    ];
  },
});
