// The throw-away PostgreSQL database of a run: created next to DATABASE_URL's database, dropped
// when the command ends (WITH (FORCE), so leftover connections do not block it). Databases of
// earlier runs that were killed outright (SIGKILL: no clean-up ran) are dropped on the way,
// once their process is gone and they are older than a quarter of an hour.
import pg from "pg";
import { LEFTOVER_AGE_MS, log, onCleanup, running } from "./command.ts";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";
export const postgresUrl = () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

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

export function serverVersion(serverUrl = postgresUrl()): Promise<string> {
  return onServer(
    serverUrl,
    async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?",
  );
}

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
  return { name, url: databaseUrlFor(serverUrl, name) };
}
