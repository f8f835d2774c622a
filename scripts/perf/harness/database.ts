// The throw-away PostgreSQL database of a run: created next to DATABASE_URL's database, dropped
// when the command ends (WITH (FORCE), so leftover connections do not block it). Databases of
// earlier runs that were killed outright (SIGKILL: no clean-up ran) are dropped on the way,
// once their process is gone and they are older than a quarter of an hour.
import pg from "pg";
import { loadConfig } from "../../../ivr/src/config.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";
import { createLogger } from "../../../ivr/src/logger.ts";
import { openServices } from "../../../ivr/src/services.ts";
import { LEFTOVER_AGE_MS, log, noteLoad, onCleanup, running } from "./command.ts";

const postgresUrl = () => process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function quoted(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

const drop = (serverUrl: string, name: string) =>
  onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));

/** Creates <prefix>_<yyyymmddhhmmss>_<pid> and registers its drop with the command's clean-up. */
export async function throwAwayDatabase(prefix: string, serverUrl = postgresUrl()) {
  const leftovers = await onServer(serverUrl, (c) =>
    c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${prefix}_`]),
  );
  for (const { datname } of leftovers.rows) {
    const m = /_(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)_(\d+)$/.exec(datname);
    if (
      !m ||
      running(Number(m[7])) ||
      Date.now() - Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) < LEFTOVER_AGE_MS
    )
      continue;
    await drop(serverUrl, datname);
    log(`dropped database ${datname}, left by an earlier run`);
  }
  const name = `${prefix}_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${quoted(name)}`));
  onCleanup(() =>
    drop(serverUrl, name).then(
      () => log(`dropped database ${name}`),
      (error: unknown) => process.stderr.write(`could not drop database ${name}: ${String(error)}\n`),
    ),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** What every bench starts with: the machine's load, the server's version, a throw-away database. */
export async function benchDatabase(prefix: string) {
  const loadBefore = noteLoad();
  const version = "SELECT current_setting('server_version') AS v";
  const postgres = await onServer(postgresUrl(), async (c) => (await c.query<{ v: string }>(version)).rows[0]!.v);
  const db = await throwAwayDatabase(prefix);
  log(`database ${db.name} on PostgreSQL ${postgres}`);
  return { db, postgres, loadBefore };
}

/** A connection of the command's own, closed by its clean-up. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onCleanup(() => client.end());
  return client;
}

/** The hotline's services in this process on `url` (migrated, seeded per SEED_WEEKS), logging warnings only. */
export async function benchServices(url: string, env: Record<string, string>, clock?: Clock) {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", ...env });
  return { config, services: await openServices(config, createLogger("warn"), clock) };
}
