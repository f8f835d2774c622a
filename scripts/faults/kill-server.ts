// Fault injection: a server process dies mid-call. `npm run fault:kill-server [-- --quick]
// [--rate 6 --seconds 45]`.
//
// The real hotline with `--workers 2` on a fresh PostgreSQL database; callers on the booking
// path arrive open-loop; at a third of the run ONE worker process (a child of the cluster
// primary, found with ps) gets SIGKILL while calls are in flight, and calls keep coming. The
// primary starts a new worker. A webhook that hit the dead process failed in transport and is
// sent once more, identically (Twilio's retry); it must get a friendly answer from the live
// worker. Checks: scripts/faults/mid-run/drive.ts, plus: the killed pid was a worker, it is
// gone, and the cluster is back to two workers. Only the pid found here is signalled.
import { parseArgs } from "node:util";
import { childPids } from "../bench/support/launch-hotline.ts";
import { runMidRunFault } from "./mid-run/drive.ts";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, rate: { type: "string" }, seconds: { type: "string" } },
});
const quick = args.quick ?? false;
const rate = Number(args.rate ?? (quick ? 4 : 6));
const seconds = Number(args.seconds ?? (quick ? 20 : 45));
if (!(rate > 0 && rate <= 100) || !(seconds >= 6 && seconds <= 600))
  throw new Error("--rate must be in (0, 100], --seconds in [6, 600]");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface KillInfo extends Record<string, unknown> {
  killedPid: number;
  workersBefore: number[];
  callsInFlightAtKill: number;
  workersAfter: number[];
  restartSeconds: number | null;
}

void runMidRunFault<KillInfo>({
  name: "fault:kill-server",
  prefix: "fault_kill_server",
  quick,
  rate,
  seconds,
  faultAt: Math.round(seconds / 3),
  async inject({ hotline, log, inFlight }) {
    const workersBefore = hotline.workerPids();
    const killedPid = workersBefore[Math.floor(Math.random() * workersBefore.length)];
    if (killedPid === undefined) throw new Error("no worker process found under the cluster primary");
    const callsInFlightAtKill = inFlight();
    process.kill(killedPid, "SIGKILL");
    const t = Date.now();
    log(`SIGKILL to worker ${killedPid} (workers ${workersBefore.join(", ")}), ${callsInFlightAtKill} calls in flight`);
    let workersAfter = hotline.workerPids();
    while (
      (workersAfter.length < workersBefore.length || workersAfter.includes(killedPid)) &&
      Date.now() - t < 30_000
    ) {
      await sleep(200);
      workersAfter = hotline.workerPids();
    }
    const restarted = workersAfter.length >= workersBefore.length && !workersAfter.includes(killedPid);
    const restartSeconds = restarted ? Math.round((Date.now() - t) / 100) / 10 : null;
    log(
      restarted
        ? `the primary started worker ${workersAfter.filter((p) => !workersBefore.includes(p)).join(", ")} after ${restartSeconds} s`
        : "no new worker within 30 s",
    );
    return { killedPid, workersBefore, callsInFlightAtKill, workersAfter, restartSeconds };
  },
  async checks(info, records, { hotline }) {
    const now = childPids(hotline.server.pid);
    return [
      {
        ok: info.workersBefore.length === 2,
        text: `two workers under the primary before the kill (${info.workersBefore.join(", ")})`,
      },
      { ok: info.callsInFlightAtKill > 0, text: `${info.callsInFlightAtKill} calls in flight at the kill` },
      {
        ok: info.restartSeconds !== null && now.length === 2 && !now.includes(info.killedPid),
        text: `worker ${info.killedPid} replaced (after ${info.restartSeconds ?? "-"} s); workers now ${now.join(", ")}`,
      },
      {
        ok: records.some((r) => r.startedMs > Date.now() - seconds * 1000 && r.outcome === "booked"),
        text: "calls still booked after the kill",
      },
    ];
  },
});
