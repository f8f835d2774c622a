// The waiting list's services on top of the shared ones: one place that wires the SQL store
// into the registration and the invitation runs, for the HTTP app and the background jobs.
import { SqlCampaignStore } from "./adapters/db/sql-waitlist-campaign-store.ts";
import { SqlWaitlistStore } from "./adapters/db/sql-waitlist-store.ts";
import type { Config } from "./config.ts";
import { Campaign } from "./domain/waitlist/campaign.ts";
import { DEFAULT_RUN_SETTINGS, InvitationRuns } from "./domain/waitlist/invitation-runs.ts";
import { Waitlist } from "./domain/waitlist/waitlist.ts";
import type { Services } from "./services.ts";

export function createWaitlistServices(services: Services, config: Pick<Config, "MIN_AGE">) {
  const store = new SqlWaitlistStore(services.db);
  const runs = new InvitationRuns(store, services.ledger, services.geography, services.clock);
  return {
    store,
    waitlist: new Waitlist(store, services.geography, services.clock, { minAge: config.MIN_AGE }),
    runs,
    campaign: new Campaign(
      new SqlCampaignStore(services.db),
      runs,
      services.ledger,
      services.geography,
      services.clock,
      DEFAULT_RUN_SETTINGS,
    ),
  };
}
