// The real hotline as every bench and fault script runs it: `ivr/src/main.ts` (with --workers N
// as a cluster), always open, the emulated telephony, a temp folder for its journal and
// embedded data, on the run's throw-away database (none: PGlite in the temp folder).
import { join } from "node:path";
import { scratchDir, sleep } from "./command.ts";
import { startServer, type ServerProcess } from "./server.ts";

/** The Twilio auth token the hotline checks signatures with; the load generators sign with it. */
export const AUTH_TOKEN = "perf-hotline-auth-token-0123456789";

export interface HotlineOptions {
  databaseUrl: string | null;
  workers?: number;
  env?: Record<string, string>;
  keepLines?: boolean;
}

export async function startHotline(options: HotlineOptions): Promise<ServerProcess> {
  const dir = scratchDir("perf-hotline");
  const workers = options.workers ?? 1;
  const server = await startServer({
    name: "hotline",
    script: "ivr/src/main.ts",
    args: workers > 1 ? ["--workers", String(workers)] : [],
    keepLines: options.keepLines,
    env: {
      DATABASE_URL: options.databaseUrl ?? "",
      LOG_LEVEL: "warn",
      HOTLINE_OPENS: "00:00",
      HOTLINE_CLOSES: "23:59",
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TELEPHONY: "emulator",
      JOURNAL_DIR: join(dir, "journal"),
      DATA_DIR: join(dir, "data"),
      ...options.env,
    },
  });
  // The primary answers /healthz through the first worker that is up; wait for all of them.
  const deadline = Date.now() + 60_000;
  while (workers > 1 && server.workerPids().length < workers && Date.now() < deadline) await sleep(200);
  return server;
}
