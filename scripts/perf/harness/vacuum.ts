// This machine's PostgreSQL runs with autovacuum off (settings for fast tests); production runs
// with it on (see the README). Without it, every update of a slot, hold or call session leaves
// a dead row version behind for the whole run, and later statements walk over more and more of
// them: bench:ivr measured PostgreSQL's CPU per webhook rising from 0.11 to 0.14 ms over a
// four-minute run. While a run lasts on such a server, this does autovacuum's job on the tables
// a call rewrites; its CPU is PostgreSQL's and counted as such.
import pg from "pg";
import { log } from "./command.ts";

const TABLES = ["call_session", "slot", "hold", "queued_call"];

/** null when the server's own autovacuum is on (nothing to stand in for) or `everySeconds` is 0. */
export async function startVacuumStandIn(url: string, everySeconds = 10) {
  if (everySeconds <= 0) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>("SHOW autovacuum");
  if (rows[0]?.autovacuum === "on") {
    await client.end();
    return null;
  }
  log(
    `autovacuum is off here: the run vacuums the tables a call rewrites every ${everySeconds} s, as autovacuum would`,
  );
  let running: Promise<unknown> | null = null; // one VACUUM at a time
  const timer = setInterval(() => {
    // A failing VACUUM means the run is ending (its database dropped): nothing left to vacuum.
    running ??= client
      .query(`VACUUM ${TABLES.join(", ")}`)
      .catch(() => clearInterval(timer))
      .finally(() => (running = null));
  }, everySeconds * 1000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await client.end().catch(() => undefined);
    },
  };
}
