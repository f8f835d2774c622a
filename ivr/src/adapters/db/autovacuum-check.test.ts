import { describe, expect, it } from "vitest";
import { autovacuumWarning } from "./autovacuum-check.ts";

const database = (kind: "postgres" | "pglite", autovacuum: string) => {
  const asked: string[] = [];
  return {
    asked,
    db: {
      kind,
      query: async <T extends Record<string, unknown>>(sql: string) => {
        asked.push(sql);
        return [{ autovacuum }] as unknown as T[];
      },
    },
  };
};

describe("autovacuum check at start", () => {
  it("when PostgreSQL runs with autovacuum off, then the operator is told what bloats and what to do", async () => {
    const { db } = database("postgres", "off");
    expect(await autovacuumWarning(db)).toMatch(/autovacuum = off.*switch it on/);
  });

  it("when autovacuum is on, or the database is the embedded one, then nothing is said", async () => {
    expect(await autovacuumWarning(database("postgres", "on").db)).toBeNull();
    const embedded = database("pglite", "off");
    expect(await autovacuumWarning(embedded.db)).toBeNull();
    expect(embedded.asked).toEqual([]);
  });
});
