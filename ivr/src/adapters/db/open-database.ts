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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize) : openPglite(options.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  // Connections stay open while idle (idleTimeoutMillis 0): a quiet hour before 08:00 must not
  // leave the 08:00 surge to open them again.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 0 });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on("error", () => undefined);
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
      (await queryKeepingConnection<T>(pool, name ? { name, text: sql, values: params } : { text: sql, values: params })).rows,
    async ping() {
      try {
        await pool.query("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async warm() {
      const clients = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
      await Promise.all(clients.map((c) => c.query("SELECT 1")));
      for (const c of clients) c.release();
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
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
async function queryKeepingConnection<T extends Record<string, unknown>>(pool: pg.Pool, config: pg.QueryConfig): Promise<pg.QueryResult<T>> {
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
    ping: async () => !client.closed,
    warm: async () => undefined,
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
    },
  };
}
