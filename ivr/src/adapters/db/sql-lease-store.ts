// Leases in PostgreSQL (and PGlite): taking or renewing one is a single upsert that succeeds
// only for the current holder or once the lease has run out, judged by the database's clock.
import type { LeaseStore } from "../../worker/leadership.ts";
import type { Database } from "./open-database.ts";

const TAKE = `
  INSERT INTO lease (name, holder, lease_until)
  VALUES ($1, $2, now() + make_interval(secs => $3::double precision))
  ON CONFLICT (name) DO UPDATE
     SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
   WHERE lease.holder = EXCLUDED.holder OR lease.lease_until < now()
  RETURNING holder`;

export class SqlLeaseStore implements LeaseStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async take(name: string, holder: string, seconds: number): Promise<boolean> {
    return (await this.db.query(TAKE, [name, holder, seconds])).length === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.query("DELETE FROM lease WHERE name = $1 AND holder = $2", [name, holder]);
  }
}
