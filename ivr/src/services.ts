// Opens the database, brings its schema and seed up to date, and builds the domain services
// on top. Shared by the server, the worker and the benchmarks.
import type { Logger } from "pino";
import { autovacuumWarning } from "./adapters/db/autovacuum-check.ts";
import { migrate } from "./adapters/db/migrator.ts";
import { openDatabase, type Database } from "./adapters/db/open-database.ts";
import { seedReferenceData, seedSupply } from "./adapters/db/seed.ts";
import { PrismaLedgerStore } from "./adapters/prisma/prisma-ledger-store.ts";
import { DEMO_ACCOUNTS, productionMode, type Config } from "./config.ts";
import { Geography } from "./domain/geo/geography.ts";
import { Ledger, type Clock } from "./domain/ledger/ledger.ts";
import { MIGRATIONS_DIR, REFERENCE_DATA_DIR } from "./paths.ts";
import { PrismaCallbackStore } from "./adapters/prisma/prisma-callback-store.ts";
import { PrismaQueueStore } from "./adapters/prisma/prisma-queue-store.ts";
import { CallbackService } from "./domain/callbacks/callback-service.ts";
import { DEFAULT_SERVICE_SETTINGS } from "./contracts/supervisor-api.ts";
import type { OperationsSettings } from "./domain/operations-settings.ts";
import { LiveSettings } from "./domain/supervision/live-settings.ts";
import { PrismaSettingsStore } from "./adapters/prisma/prisma-settings-store.ts";
import { AgentQueue } from "./domain/queue/agent-queue.ts";
import { SqlAttemptCounter } from "./adapters/db/sql-attempt-counter.ts";
import { SqlContactStore } from "./adapters/db/sql-contact-store.ts";
import type { AttemptCounter } from "./domain/limits/attempt-counter.ts";
import { CodeLookupLimits } from "./domain/limits/code-lookup-limits.ts";
import { RegistrationLimits } from "./domain/limits/registration-limits.ts";
import { SignInThrottle } from "./domain/limits/sign-in-throttle.ts";
import { disableDemoAccounts, seedAccounts } from "./adapters/auth/accounts.ts";
import { SqlOutboundStore } from "./adapters/db/sql-outbound-store.ts";
import { DEFAULT_CALLING_HOURS, parseCallingHours } from "./domain/outbound/calling-hours.ts";
import { OutboundCalls } from "./domain/outbound/outbound-calls.ts";

export interface Services {
  db: Database;
  ledger: Ledger;
  store: PrismaLedgerStore;
  geography: Geography;
  clock: Clock;
  settings: LiveSettings;
  queue: AgentQueue;
  callbacks: CallbackService;
  /** The outbound scheduler's task table: invitations now, reminders and standby calls next. */
  outbound: OutboundCalls;
  /** Abuse limits' counts, in the database so every process counts together. */
  attempts: AttemptCounter;
  signIns: SignInThrottle;
  codeLookups: CodeLookupLimits;
  /** Waiting-list registrations by phone per caller ID. */
  registrations: RegistrationLimits;
  /** Names and addresses beside phone bookings, and the agents' worklist. */
  contacts: SqlContactStore;
  close(): Promise<void>;
}

export const systemClock: Clock = { now: () => new Date() };

export async function openServices(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Services> {
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
  });
  try {
    const applied = await migrate(db, MIGRATIONS_DIR);
    if (applied.length > 0) logger.info({ applied }, "applied migrations");
    const vacuumWarning = await autovacuumWarning(db);
    if (vacuumWarning) logger.warn(vacuumWarning);
    if (config.AUTO_SEED && (await seedReferenceData(db, REFERENCE_DATA_DIR))) logger.info("seeded reference data");
    const store = new PrismaLedgerStore(db.prisma, db);
    const geo = await store.loadGeography();
    const geography = new Geography(geo.regions, geo.districts, geo.postcodes);
    const ledger = new Ledger(store, geography, clock, {
      holdMinutes: config.HOLD_MINUTES,
      minAge: config.MIN_AGE,
      leadMinutes: 60,
    });
    if (config.AUTO_SEED) {
      await seedSupply(
        db,
        ledger,
        {
          weeks: config.SEED_WEEKS,
          vaccineId: "biontech",
          weeklyDoses: {
            nordrhein: config.SEED_WEEKLY_DOSES_NORDRHEIN,
            "westfalen-lippe": config.SEED_WEEKLY_DOSES_WESTFALEN_LIPPE,
            hessen: config.SEED_WEEKLY_DOSES_HESSEN,
          },
        },
        clock.now(),
        logger,
      );
    }
    if (config.AUTO_SEED) {
      // The first supervisor always; the demo agents only where no real caller is reached.
      const seeds = productionMode(config)
        ? config.SUPERVISOR_ACCOUNTS
        : [...config.AGENT_ACCOUNTS, ...config.SUPERVISOR_ACCOUNTS];
      const created = await seedAccounts(db.prisma, seeds);
      if (created.length > 0) logger.info({ accounts: created }, "seeded console accounts");
    }
    if (productionMode(config)) {
      const disabled = await disableDemoAccounts(db.prisma, DEMO_ACCOUNTS, clock.now());
      if (disabled.length > 0)
        logger.warn({ accounts: disabled }, "disabled demo accounts that still had the README's passwords");
    }
    const settings = new LiveSettings(new PrismaSettingsStore(db.prisma), operationsSettingsFrom(config));
    await settings.start();
    const queueStore = new PrismaQueueStore(db.prisma);
    const queue = new AgentQueue(queueStore, clock, settings);
    const callbacks = new CallbackService(new PrismaCallbackStore(db.prisma), ledger, clock, settings, async () => {
      // Callbacks get about half of the agents' time; before anyone signs in, the planned staffing.
      const working = await queueStore.agentsWorking();
      const handle =
        (await queueStore.avgHandleSeconds(new Date(clock.now().getTime() - 30 * 60_000))) ??
        config.DEFAULT_HANDLE_SECONDS;
      return ((working > 0 ? working : config.PLANNED_AGENTS) * 3600 * 0.5) / handle;
    });
    const attempts = new SqlAttemptCounter(db);
    const outbound = new OutboundCalls(new SqlOutboundStore(db), clock, {
      callingHours: parseCallingHours(config.OUTBOUND_CALLING_HOURS) ?? DEFAULT_CALLING_HOURS,
      agentHours: () => settings.current().hotline,
    });
    return {
      db,
      ledger,
      store,
      geography,
      clock,
      settings,
      queue,
      callbacks,
      outbound,
      attempts,
      signIns: new SignInThrottle(attempts, clock),
      codeLookups: new CodeLookupLimits(attempts, clock),
      registrations: new RegistrationLimits(attempts, clock),
      contacts: new SqlContactStore(db),
      close: async () => {
        settings.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

export function operationsSettingsFrom(config: Config): OperationsSettings {
  return {
    hotline: { opensAt: config.HOTLINE_OPENS, closesAt: config.HOTLINE_CLOSES },
    queue: {
      name: config.QUEUE_NAME,
      capacity: config.QUEUE_CAPACITY,
      offerCallbackAboveMinutes: config.OFFER_CALLBACK_ABOVE_MINUTES,
      defaultHandleSeconds: config.DEFAULT_HANDLE_SECONDS,
    },
    callbacks: {
      maxAttempts: config.CALLBACK_MAX_ATTEMPTS,
      retryDelaysMinutes: config.CALLBACK_RETRY_MINUTES,
      releaseWindowMinutes: config.CALLBACK_RELEASE_WINDOW_MINUTES,
      holdHours: config.CALLBACK_HOLD_HOURS,
      callsPerSecond: config.CALLS_PER_SECOND,
      leaseSeconds: config.CALLBACK_LEASE_SECONDS,
    },
    service: DEFAULT_SERVICE_SETTINGS,
    announcement: {},
  };
}
