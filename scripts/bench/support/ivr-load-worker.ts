// The load generator's own process (forked by load-worker-client.ts), so that parsing TwiML,
// signing requests and following calls does not share an event loop with the benchmark's
// bookkeeping. Messages: { type: "run", job } → { type: "window", edge }…, { type: "result" }.
import { runLoad, type LoadJob } from "./ivr-load.ts";
import { singleDistrictPostcodes } from "./ivr-postcodes.ts";
import { LoadRecorder } from "./load-recorder.ts";

const postcodes = singleDistrictPostcodes();
/** Recorders of multi-slice phases, by the job's session. */
const sessions = new Map<string, LoadRecorder>();
const recorderFor = (job: LoadJob): LoadRecorder => {
  if (!job.session) return new LoadRecorder();
  let recorder = sessions.get(job.session);
  if (!recorder) sessions.set(job.session, (recorder = new LoadRecorder()));
  return recorder;
};
const send = (message: unknown) => process.send!(message);

process.on("message", (message: { type: string; job?: LoadJob }) => {
  if (message.type === "exit") process.exit(0);
  if (message.type !== "run" || !message.job) return;
  runLoad(message.job, postcodes, (edge) => send({ type: "window", edge }), recorderFor(message.job)).then(
    (result) => send({ type: "result", result }),
    (error) =>
      send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", postcodes: postcodes.length });
