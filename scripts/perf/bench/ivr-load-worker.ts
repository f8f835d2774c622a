// bench:ivr's load generator, a process of its own (forked by LoadWorker in ivr-measure.ts), so
// that parsing TwiML, signing requests and following calls does not share an event loop with the
// benchmark's bookkeeping, and its CPU is counted apart. Messages: { type: "run", job } →
// { type: "window", edge }…, { type: "result" } or { type: "failed" }; { type: "exit" }.
import { singleDistrictPostcodes } from "../load/postcodes.ts";
import { LoadRecorder } from "../load/recorder.ts";
import { runLoad, type LoadJob } from "./ivr-load.ts";

const postcodes = singleDistrictPostcodes();
/** Recorders of multi-slice phases, by the job's session. */
const sessions = new Map<string, LoadRecorder>();
const send = (message: unknown) => process.send!(message);

process.on("message", (message: { type: string; job?: LoadJob }) => {
  if (message.type === "exit") process.exit(0);
  const job = message.job;
  if (message.type !== "run" || !job) return;
  const recorder = (job.session && sessions.get(job.session)) || new LoadRecorder();
  if (job.session) sessions.set(job.session, recorder);
  runLoad(job, postcodes, (edge) => send({ type: "window", edge }), recorder).then(
    (result) => send({ type: "result", result }),
    (error: unknown) =>
      send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", postcodes: postcodes.length });
