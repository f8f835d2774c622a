// Work that runs beside the webhooks: giving expired holds back, deleting the menu state of
// calls long over and expired console sessions, replaying the fallback journal once the
// database is reachable, retention, and (unless CALLBACK_WORKER=off) standing by to dial
// (the outbound scheduler: callbacks first, then invitations and the other automated calls):
// of all processes that may dial, the one holding the dialler's lease does. Each
// loop survives a failing tick; the next tick tries again.
import { auditDatabase } from "./adapters/db/ledger-audit.ts";
import { SqlSupplyDropStore } from "./adapters/db/sql-supply-drop-store.ts";
import { SupplyDrops } from "./domain/supply/supply-drops.ts";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { Hotline } from "./hotline-app.ts";
import { purgeCallSessions } from "./adapters/db/sql-call-session-purge.ts";
import type { Services } from "./services.ts";
import { SqlLeaseStore } from "./adapters/db/sql-lease-store.ts";
import { SqlPrivacyStore } from "./adapters/db/sql-privacy-store.ts";
import { enforceRetention, RETENTION } from "./domain/privacy/retention.ts";
import { createWaitlistServices } from "./waitlist-services.ts";
import { OutboundDialler } from "./worker/outbound-dialler.ts";
import { Leadership } from "./worker/leadership.ts";

const HOLD_SWEEP_MS = 15_000;
const JOURNAL_REPLAY_MS = 5_000;
const SESSION_PURGE_MS = 60_000;
/** Retention runs hourly: every rule counts in days, so an hour late is no harm. */
const RETENTION_MS = 3_600_000;
const ATTEMPT_SWEEP_MS = 60_000;
const AGENT_SESSION_PURGE_MS = 10 * 60_000;
/** Tomorrow's appointments are looked for every five minutes in calling hours (bookings made today included). */
const REMINDER_RUN_MS = 5 * 60_000;
/** The ledger's independent audit (a full read of slots and bookings): hourly is enough to raise an alarm. */
const LEDGER_AUDIT_MS = 3_600_000;
/** Standby offers close or call their next wave this often: a dose usable for an hour has no minute to lose. */
const STANDBY_WAVE_MS = 15_000;

export function startBackgroundJobs(
  services: Services,
  hotline: Hotline,
  config: Config,
  logger: Logger,
  publicBaseUrl: string,
): () => void {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, job: () => Promise<unknown>, what: string) => {
    // A tick that is still running is not started again (a slow replay must not overlap itself).
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void job()
        .catch((err) => logger.warn({ err }, `${what} failed`))
        .finally(() => (busy = false));
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(HOLD_SWEEP_MS, () => services.ledger.sweepExpiredHolds(), "hold sweep");
  // A supply drop whose execution stopped with its process is taken over (each step repeats safely).
  const drops = new SupplyDrops(new SqlSupplyDropStore(services.db), services.geography, services.clock);
  every(60_000, () => drops.resumeStale("system:resume"), "supply-drop resume");
  // Invitations past their acceptance deadline: the pair goes back, the person waits for the next run.
  const invitationRuns = createWaitlistServices(services, config).runs;
  every(60_000, () => invitationRuns.expire(), "invitation expiry");
  // After the booking (issue 18). Every process may run these: a reminder, a standby call and a
  // rebooking task are each recorded once under their table's key, whoever gets there first.
  const afterBooking = hotline.afterBooking;
  every(REMINDER_RUN_MS, () => afterBooking.reminders.run(), "reminder run");
  every(STANDBY_WAVE_MS, () => afterBooking.standby.tick(), "standby waves");
  every(60_000, () => afterBooking.rebookCalls.run(), "rebooking calls");
  every(60_000, () => afterBooking.moveNotices.run(), "supply-move calls");
  every(
    SESSION_PURGE_MS,
    async () => {
      const rules = { keepEndedMinutes: config.CALL_SESSION_KEEP_MINUTES, idleHours: config.CALL_SESSION_IDLE_HOURS };
      const deleted = await purgeCallSessions(services.db, rules, services.clock.now());
      if (deleted > 0) logger.info({ deleted }, "call sessions of calls long over deleted");
    },
    "call-session purge",
  );
  every(AGENT_SESSION_PURGE_MS, consoleSessionPurge(services, hotline, logger), "console-session purge");
  every(
    JOURNAL_REPLAY_MS,
    async () => {
      if (hotline.journal.pending().length === 0 || !(await services.db.ping())) return;
      const replayed = await hotline.replayJournal();
      if (replayed > 0) logger.info({ replayed }, "fallback journal replayed into the database");
    },
    "journal replay",
  );
  every(60_000, () => hotline.wallboard.sample(), "wallboard sample");
  every(
    RETENTION_MS,
    async () => {
      const report = await enforceRetention(
        new SqlPrivacyStore(services.db),
        hotline.telephony,
        services.clock.now(),
        RETENTION,
        hotline.sms,
      );
      const { failedRecordings, ...counts } = report;
      if (Object.values(counts).some((n) => n > 0))
        logger.info(counts, "retention: personal data past its time removed");
      if (failedRecordings.length > 0) logger.error({ failedRecordings }, "retention: recordings not deleted");
    },
    "retention",
  );
  every(LEDGER_AUDIT_MS, ledgerAudit(services, logger), "ledger audit");
  // Abuse-limit counts that have run out (they hold digests of addresses, names and numbers).
  every(ATTEMPT_SWEEP_MS, () => services.attempts.sweep(services.clock.now()), "attempt-counter sweep");
  void hotline.wallboard.sample().catch(() => undefined);
  let dialer: ReturnType<typeof createDialer> | null = null;
  if (config.CALLBACK_WORKER === "in-process") {
    dialer = createDialer(services, hotline, logger, publicBaseUrl, `${hostname()}:${process.pid}`);
    dialer.start();
  }
  return () => {
    for (const t of timers) clearInterval(t);
    void dialer?.stop();
  };
}

/** Logs an error (the operator's alarm) when the ledger's invariants do not hold; returns the audit. */
export function ledgerAudit(services: Pick<Services, "db">, logger: Logger) {
  return async () => {
    const audit = await auditDatabase(services.db);
    if (audit.overbooked > 0 || audit.personsWithTwoBookings > 0)
      logger.error(audit, "ledger audit: invariants broken");
    return audit;
  };
}

/** The lease the dialling process holds; every process that may dial competes for it. */
export const DIALLER_LEASE = "callback-dialler";

/** An expired console session signs no one in already; its row (who, since when) goes too. */
export function consoleSessionPurge(
  services: Pick<Services, "clock">,
  hotline: Pick<Hotline, "agents">,
  logger: Logger,
): () => Promise<number> {
  return async () => {
    const deleted = await hotline.agents.deleteExpiredSessions(services.clock.now());
    if (deleted > 0) logger.info({ deleted }, "expired console sessions deleted");
    return deleted;
  };
}

/** The outbound scheduler's loop, dialling only while this process holds the dialler's lease. */
export function createDialer(
  services: Services,
  hotline: Hotline,
  logger: Logger,
  publicBaseUrl: string,
  workerId: string,
  pauseAfterClaimMs?: number,
  lease: { seconds?: number; renewMs?: number } = {},
) {
  const leadership = new Leadership(new SqlLeaseStore(services.db), {
    name: DIALLER_LEASE,
    holder: workerId,
    leaseSeconds: lease.seconds,
    renewMs: lease.renewMs,
    logger,
  });
  const dialer = new OutboundDialler({
    callbacks: services.callbacks,
    outbound: services.outbound,
    queue: services.queue,
    telephony: hotline.telephony,
    settings: services.settings,
    logger,
    publicBaseUrl,
    workerId,
    pauseAfterClaimMs,
    mayDial: () => leadership.isLeader,
    // With CALLBACK_OFFERS=on due callbacks ring at agents' desks (call-router.ts) instead; the
    // scheduler still places invitations, reminders, standby and rebooking calls.
    dialCallbacks: () => !hotline.desk.rules.offerCallbacks,
  });
  return {
    dialer,
    leadership,
    start() {
      leadership.start();
      dialer.start();
    },
    async stop() {
      dialer.stop();
      await leadership.stop();
    },
  };
}
