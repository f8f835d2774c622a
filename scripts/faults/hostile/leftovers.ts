// What an earlier run could not clean up because it was killed outright (SIGKILL, or tsx's
// relay giving up on it): its database fault_hostile_<stamp>_<pid> and its temp folder
// fault-hostile-<pid>-*. Removed only when that pid is gone and the leftover is over 15 minutes
// old, so a run in progress elsewhere is never touched.
import { readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { dropDatabase } from "../../bench/support/bench-db.ts";

const MIN_AGE_MS = 15 * 60_000;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function stampMs(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Date.now();
}

export async function sweepLeftovers(serverUrl: string | undefined): Promise<string[]> {
  const done: string[] = [];
  for (const entry of readdirSync(tmpdir())) {
    const m = /^fault-hostile-(\d+)-/.exec(entry);
    if (!m || running(Number(m[1]))) continue;
    const path = join(tmpdir(), entry);
    if (Date.now() - statSync(path).mtimeMs < MIN_AGE_MS) continue;
    rmSync(path, { recursive: true, force: true });
    done.push(`removed ${path}, left by an earlier run`);
  }
  if (!serverUrl) return done;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'fault\\_hostile\\_%'",
    );
    for (const { datname } of rows) {
      const m = /^fault_hostile_(\d{14})_(\d+)$/.exec(datname);
      if (!m || running(Number(m[2])) || Date.now() - stampMs(m[1]!) < MIN_AGE_MS) continue;
      await dropDatabase(serverUrl, datname);
      done.push(`dropped database ${datname}, left by an earlier run`);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return done;
}
