// The few driver-level operations the migrator and seed need, over either node-postgres or
// PGlite. Everything else goes through Prisma.
export interface SqlConnection {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface SqlSession extends SqlConnection {
  release(): Promise<void>;
}
