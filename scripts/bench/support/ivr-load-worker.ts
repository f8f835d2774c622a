// The load generator's own process (forked by load-worker-client.ts), so that parsing TwiML,
// signing requests and following calls does not share an event loop with the benchmark's
// bookkeeping. Messages: { type: "run", job } → { type: "window", edge }…, { type: "result" }.
import { runLoad, type LoadJob } from "./ivr-load.ts";
import { singleDistrictPostcodes } from "./ivr-postcodes.ts";

const postcodes = singleDistrictPostcodes();
const send = (message: unknown) => process.send!(message);

process.on("message", (message: { type: string; job?: LoadJob }) => {
  if (message.type === "exit") process.exit(0);
  if (message.type !== "run" || !message.job) return;
  runLoad(message.job, postcodes, (edge) => send({ type: "window", edge })).then(
    (result) => send({ type: "result", result }),
    (error) => send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready", postcodes: postcodes.length });
