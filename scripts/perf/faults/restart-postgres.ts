// `npm run fault:restart-postgres [-- --quick] [--rate 6 --seconds 45]`: PostgreSQL restarts mid-run.
// WARNING: it restarts the machine's LOCAL CLUSTER, cutting every other user's connections (fine in
// CI; on a shared machine run it alone); it is started again at the end if it is down.
// While it is down, webhooks must answer with friendly TwiML (an apology, or the fallback that
// journals a callback number); a call started once it is back must hear a booking within 30 s.
import { execFile, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { log, onCleanup } from "../harness/command.ts";
import { check, runMidRunFault } from "./mid-run.ts";

const [version, ...others] = readdirSync("/etc/postgresql").filter((v) => /^\d+$/.test(v));
if (!version || others.length) throw new Error("expected one PostgreSQL version in /etc/postgresql");
const RECOVER_LIMIT_SECONDS = 30;
const pgctl = (action: "restart" | "start") =>
  promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action], { timeout: 60_000 });
const clusterRunning = () => spawnSync("pg_ctlcluster", [version, "main", "status"], { stdio: "ignore" }).status === 0;

runMidRunFault({
  name: "fault:restart-postgres",
  prefix: "fault_restart_pg",
  seconds: { default: 45, quick: 24, min: 10, max: 600 },
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
    log(`restarting PostgreSQL ${version}/main, ${callsInFlightAtRestart} calls in flight ...`);
    await pgctl("restart");
    const restartSeconds = Math.round((Date.now() - restartStartedMs) / 100) / 10;
    const outage = { recoverySeconds: null as number | null, callsDuringOutage: 0, apologiesDuringOutage: 0 };
    return { restartStartedMs, restartSeconds, callsInFlightAtRestart, ...outage };
  },
  checks(info, records) {
    const back = info.restartStartedMs + info.restartSeconds * 1000;
    // Recovery: the first confirmation heard by a call that started after PostgreSQL was back.
    const after = records.filter((r) => r.startedMs >= back && r.bookedAtMs !== null).map((r) => r.bookedAtMs!);
    info.recoverySeconds = after.length ? Math.round((Math.min(...after) - back) / 100) / 10 : null;
    const during = records.filter((r) => r.startedMs <= back && r.endedMs >= info.restartStartedMs);
    const friendly = during.filter((r) => !r.error && !r.busyTone);
    info.callsDuringOutage = during.length;
    info.apologiesDuringOutage = during.reduce((s, r) => s + r.apologies, 0);
    const fallback = during.filter((r) => r.fallbackHeard).length;
    const { callsInFlightAtRestart, restartSeconds, recoverySeconds, apologiesDuringOutage } = info;
    return [
      check(clusterRunning(), `PostgreSQL ${version}/main running at the end`),
      check(
        callsInFlightAtRestart > 0,
        `${callsInFlightAtRestart} calls in flight at the restart (down ${restartSeconds} s)`,
      ),
      check(
        friendly.length === during.length,
        `${friendly.length}/${during.length} calls during the outage got friendly TwiML (${apologiesDuringOutage} apologies, ${fallback} left a number with the fallback)`,
      ),
      check(
        recoverySeconds !== null && recoverySeconds <= RECOVER_LIMIT_SECONDS,
        `bookings again ${recoverySeconds ?? "never"} s after PostgreSQL was back (limit ${RECOVER_LIMIT_SECONDS} s)`,
      ),
    ];
  },
});
