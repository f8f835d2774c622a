// Fault injection: a server process dies mid-call. `npm run fault:kill-server [-- --quick]
// [--rate 6 --seconds 45]` (--quick: 4 calls/s for 20 s).
//
// The real hotline with `--workers 2`; callers on the booking path arrive open-loop; at a third
// of the run ONE worker process (a child of the cluster primary, found with ps) gets SIGKILL
// while calls are in flight, and calls keep coming. The primary starts a new worker. A webhook
// that hit the dead process failed in transport and is sent once more, identically (Twilio's
// retry); it must get a friendly answer from the live worker. Checks: mid-run.ts, plus: the
// killed pid was a worker, it is gone, and the cluster is back to two workers. Only the pid
// found here is signalled.
import { log, sleep } from "../harness/command.ts";
import { runMidRunFault } from "./mid-run.ts";

runMidRunFault({
  name: "fault:kill-server",
  prefix: "fault_kill_server",
  seconds: { default: 45, quick: 20, min: 6, max: 600 },
  async inject({ hotline, inFlight }) {
    const workersBefore = hotline.workerPids();
    const killedPid = workersBefore[Math.floor(Math.random() * workersBefore.length)];
    if (killedPid === undefined) throw new Error("no worker process found under the cluster primary");
    const callsInFlightAtKill = inFlight();
    process.kill(killedPid, "SIGKILL");
    const t = Date.now();
    log(`SIGKILL to worker ${killedPid} (workers ${workersBefore.join(", ")}), ${callsInFlightAtKill} calls in flight`);
    let workersAfter = hotline.workerPids();
    const replaced = () => workersAfter.length >= workersBefore.length && !workersAfter.includes(killedPid);
    while (!replaced() && Date.now() - t < 30_000) {
      await sleep(200);
      workersAfter = hotline.workerPids();
    }
    const restartSeconds = replaced() ? Math.round((Date.now() - t) / 100) / 10 : null;
    const started = workersAfter.filter((p) => !workersBefore.includes(p));
    log(
      restartSeconds === null
        ? "no new worker within 30 s"
        : `the primary started worker ${started.join(", ")} after ${restartSeconds} s`,
    );
    return { killedPid, workersBefore, callsInFlightAtKill, workersAfter, restartSeconds };
  },
  checks(info, records, { hotline, seconds }) {
    const now = hotline.workerPids();
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
