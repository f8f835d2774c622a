// Real databases for integration tests: a throw-away PGlite in memory, and, when
// DATABASE_URL is set (CI sets it), a fresh database on that PostgreSQL server per call.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadConfig } from "../../src/config.ts";
import type { Clock } from "../../src/domain/ledger/ledger.ts";
import { createLogger } from "../../src/logger.ts";
import { openServices, type Services } from "../../src/services.ts";

export type DbKind = "pglite" | "postgres";

/** The databases integration tests run against: PGlite always, PostgreSQL when configured. */
export const DB_KINDS: DbKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestServices extends Services {
  kind: DbKind;
  databaseUrl?: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestServices(
  kind: DbKind,
  clock: Clock,
  env: Record<string, string> = {},
): Promise<TestServices> {
  const database = kind === "postgres" ? await createTestDatabase() : null;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: "memory://",
    SEED_WEEKS: "0",
    DB_POOL_SIZE: "30",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const services = await openServices(config, createLogger("silent"), clock);
  return {
    ...services,
    kind,
    databaseUrl: database?.url,
    async dispose() {
      // A test that closed the database itself makes close() fail: the scratch database goes all the same.
      try {
        await services.close();
      } finally {
        await database?.drop();
      }
    },
  };
}
