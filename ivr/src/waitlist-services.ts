// The waiting list's services on top of the shared ones: one place that wires the SQL store
// into the registration and the invitation runs, for the HTTP app and the background jobs.
import { SqlInvitationCallStore } from "./adapters/db/sql-invitation-call-store.ts";
import { SqlCampaignStore } from "./adapters/db/sql-waitlist-campaign-store.ts";
import { SqlWaitlistStore } from "./adapters/db/sql-waitlist-store.ts";
import type { Config } from "./config.ts";
import { Campaign } from "./domain/waitlist/campaign.ts";
import { InvitationCalls, type InvitationCallOptions } from "./domain/waitlist/invitation-calls.ts";
import { DEFAULT_CALLING_HOURS, parseCallingHours } from "./domain/outbound/calling-hours.ts";
import { DEFAULT_RUN_SETTINGS, InvitationRuns } from "./domain/waitlist/invitation-runs.ts";
import { Waitlist } from "./domain/waitlist/waitlist.ts";
import type { Services } from "./services.ts";

export function createWaitlistServices(
  services: Services,
  config: Pick<Config, "MIN_AGE"> & Partial<Pick<Config, "OUTBOUND_CALLING_HOURS" | "WAITLIST_FROM_AGE">>,
  /**
   * notify: the SMS beside a letter; handleGaveUp: this instance settles unanswered invitation
   * calls (the server's own, hotline-app.ts; one per process, or the last one made would win).
   */
  extras: { notify?: InvitationCallOptions["notify"]; handleGaveUp?: boolean } = {},
) {
  const store = new SqlWaitlistStore(services.db);
  const runSettings = { ...DEFAULT_RUN_SETTINGS, minAge: config.MIN_AGE };
  const runs = new InvitationRuns(store, services.ledger, services.geography, services.clock, runSettings);
  // A finished run's invitations are called (paced by the outbound scheduler); calls that reach
  // nobody become letters (the handler is registered with the scheduler's task table).
  const calls = new InvitationCalls(
    new SqlInvitationCallStore(services.db),
    runs,
    services.outbound,
    services.ledger,
    services.clock,
    {
      callsPerSecond: () => services.settings.current().callbacks.callsPerSecond,
      callingHours: parseCallingHours(config.OUTBOUND_CALLING_HOURS ?? "") ?? DEFAULT_CALLING_HOURS,
      letterLeadDays: DEFAULT_RUN_SETTINGS.letterLeadDays,
      notify: extras.notify,
    },
    extras.handleGaveUp ?? false,
  );
  runs.onFinished((runId) => calls.callRun(runId));
  return {
    store,
    waitlist: new Waitlist(store, services.geography, services.clock, {
      minAge: config.MIN_AGE,
      registerFromAge: config.WAITLIST_FROM_AGE,
    }),
    runs,
    campaign: new Campaign(
      new SqlCampaignStore(services.db),
      runs,
      services.ledger,
      services.geography,
      services.clock,
      runSettings,
    ),
    calls,
  };
}
