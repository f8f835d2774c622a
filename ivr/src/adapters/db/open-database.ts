// Opens the ledger database: PostgreSQL when DATABASE_URL is set, otherwise an embedded
// PostgreSQL (PGlite) in DATA_DIR. Both run the same schema, the same SQL functions and
// the same code paths; only the driver below Prisma differs.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client.ts";
import type { SqlConnection, SqlSession } from "./sql-connection.ts";

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** A connection of its own, for work that needs session state (locks, transactions). */
  session(): Promise<SqlSession>;
  /**
   * One parameterised statement straight through the driver (pool or PGlite). For the
   * per-webhook call-session read and write, where Prisma's overhead (about 0.2 ms of CPU per
   * query, measured) is most of the cost. Same SQL on both databases.
   * `name` makes it a prepared statement on PostgreSQL: parsed and planned once per
   * connection, which halves PostgreSQL's CPU for the call-session read and write (measured:
   * 100 → 55 µs and 378 → 223 µs). PGlite ignores it. One name, one SQL text.
   */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
  /**
   * A prepared statement (as `query` with a name) that reaches rows only through an index on
   * the columns it compares with its parameters, such as call sessions by CallSid for a batch
   * of calls passed as an array. On PostgreSQL it runs on connections of its own that plan it
   * once (see KEYED_PLAN_SETTINGS); PGlite runs it as `query`.
   */
  keyedQuery<T extends Record<string, unknown>>(sql: string, params: unknown[], name: string): Promise<T[]>;
  ping(): Promise<boolean>;
  /**
   * Opens every pooled connection now. A launch morning starts with a surge: connections
   * opened lazily under it cost a PostgreSQL fork each (about 40 ms here) while callers wait.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite folder, or "memory://" for a throw-away database. */
  dataDir: string;
  poolSize: number;
  /** Connections for `keyedQuery` (PostgreSQL only); default KEYED_POOL_SIZE. */
  keyedPoolSize?: number;
}

/**
 * Why `keyedQuery` has connections of its own. Its statements take batches as arrays, and
 * PostgreSQL's plan cache keeps a generic plan only when it is not dearer than the custom plans
 * made for the actual values; a generic plan estimates an array parameter at 10 elements, most
 * batches hold 1 to 4 calls, so every execution was planned afresh (bench:ivr: 11,531 of 11,942
 * session saves, planning 1.5 s against 1.3 s executing). These statements' plans never depend
 * on the values, so their connections use the generic plan, made once per connection. The
 * planner switches pin that plan to index lookups: a generic plan made while a table is still
 * empty (a fresh database) is otherwise a sequential scan, and stays one until the next ANALYZE.
 */
const KEYED_PLAN_SETTINGS = [
  "plan_cache_mode=force_generic_plan",
  "enable_seqscan=off",
  "enable_bitmapscan=off",
  "enable_hashjoin=off",
  "enable_mergejoin=off",
];
/** Two statements in flight for each of the four batch kinds (read, insert, save, call end) share these. */
const KEYED_POOL_SIZE = 4;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize, options.keyedPoolSize ?? KEYED_POOL_SIZE)
    : openPglite(options.dataDir);
}

function openPostgres(url: string, poolSize: number, keyedPoolSize: number): Database {
  // Connections stay open while idle (idleTimeoutMillis 0): a quiet hour before 08:00 must not
  // leave the 08:00 surge to open them again.
  const settings = { connectionString: url, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 0 };
  const pool = new pg.Pool({ ...settings, max: poolSize });
  const keyedPool = new pg.Pool({
    ...settings,
    max: keyedPoolSize,
    options: KEYED_PLAN_SETTINGS.map((s) => `-c ${s}`).join(" "),
  });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on("error", () => undefined);
  keyedPool.on("error", () => undefined);
  // The pool listens only to its idle clients: a checked-out one (a migration session, a
  // Prisma transaction between statements) that loses its server would emit an unheard 'error'
  // and end the process. Its next statement fails instead, and the pool drops it on release.
  for (const p of [pool, keyedPool]) p.on("connect", (client) => client.on("error", () => undefined));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    async session() {
      const client = await pool.connect();
      return {
        exec: async (sql) => void (await client.query(sql)),
        query: async (sql, params) => (await client.query(sql, params)).rows,
        release: async () => client.release(),
      };
    },
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[], name?: string) =>
      (
        await queryKeepingConnection<T>(
          pool,
          name ? { name, text: sql, values: params } : { text: sql, values: params },
        )
      ).rows,
    keyedQuery: async <T extends Record<string, unknown>>(sql: string, params: unknown[], name: string) =>
      (await queryKeepingConnection<T>(keyedPool, { name, text: sql, values: params })).rows,
    async ping() {
      try {
        await pool.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async warm() {
      const clients = await Promise.all([
        ...Array.from({ length: poolSize }, () => pool.connect()),
        ...Array.from({ length: keyedPoolSize }, () => keyedPool.connect()),
      ]);
      await Promise.all(clients.map((c) => c.query("SELECT 1")));
      for (const c of clients) c.release();
    },
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end(), keyedPool.end()]);
    },
  };
}

/**
 * pool.query hands a connection back as broken after any failed statement, and the pool
 * closes it. The ledger's functions fail by design when a race is lost (slot_taken), so in a
 * booking rush every loser cost a new PostgreSQL connection (a fork, about 40 ms here): 200
 * bookings racing for 10 pairs took 5.4 s and ran into the pool's connect timeout. A statement
 * that PostgreSQL answered with an error leaves the connection healthy; only errors without
 * an answer (network, server gone) retire it.
 */
async function queryKeepingConnection<T extends Record<string, unknown>>(
  pool: pg.Pool,
  config: pg.QueryConfig,
): Promise<pg.QueryResult<T>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await client.query<T>(config);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError) || /^(08|57P0)/.test(error.code ?? "")) broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const connection: SqlConnection = {
    exec: async (sql) => void (await client.exec(sql)),
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await client.query<T>(sql, params)).rows,
  };
  return {
    kind: "pglite",
    prisma,
    // PGlite is one connection in this process; a session is that connection.
    session: async () => ({ ...connection, release: async () => undefined }),
    query: connection.query,
    keyedQuery: connection.query,
    ping: async () => !client.closed,
    warm: async () => undefined,
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
    },
  };
}
