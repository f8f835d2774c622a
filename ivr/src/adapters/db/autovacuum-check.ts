// Every webhook rewrites its call's session row, and every hold and booking rewrites two slot
// rows. Without autovacuum the dead row versions stay, and each statement walks over more of
// them as the day goes on: bench:ivr measured PostgreSQL's CPU per webhook rising by a quarter
// within four minutes. A server where it is switched off gets told so at start.
import type { Database } from "./open-database.ts";

export async function autovacuumWarning(db: Pick<Database, "kind" | "query">): Promise<string | null> {
  if (db.kind !== "postgres") return null;
  const rows = await db.query<{ autovacuum: string }>("SHOW autovacuum");
  if (rows[0]?.autovacuum !== "off") return null;
  return "PostgreSQL runs with autovacuum = off: call sessions, slots and holds are rewritten all day and will bloat; switch it on (postgresql.conf) or vacuum them on a schedule";
}
