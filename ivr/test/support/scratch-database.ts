// Fresh, migrated databases for schema tests: an in-memory PGlite, or a uniquely named
// database created on the PostgreSQL server that DATABASE_URL points at (dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "../../src/adapters/db/migrator.ts";
import { openDatabase, type Database } from "../../src/adapters/db/open-database.ts";
import { MIGRATIONS_DIR } from "../../src/paths.ts";

export interface ScratchDatabase {
  db: Database;
  /** Closes the database and, for PostgreSQL, drops it. */
  dispose(): Promise<void>;
}

export async function migratedPglite(): Promise<ScratchDatabase> {
  const db = await openDatabase({ dataDir: "memory://", poolSize: 2 });
  try {
    await migrate(db, MIGRATIONS_DIR);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, dispose: () => db.close() };
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates schema_test_<random> next to the database in serverUrl and migrates it. */
export async function migratedPostgres(serverUrl: string): Promise<ScratchDatabase> {
  const name = `schema_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = () =>
    onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 2 });
    await migrate(db, MIGRATIONS_DIR);
  } catch (error) {
    await db?.close().catch(() => undefined);
    await drop();
    throw error;
  }
  const opened = db;
  return {
    db: opened,
    async dispose() {
      try {
        await opened.close();
      } finally {
        await drop();
      }
    },
  };
}
