// Puts the HTTP app together from the services: used by main.ts and by the tests, so both
// run exactly the same wiring.
import { WaitEstimates } from "./domain/waitlist/wait-estimate.ts";
import type { Express } from "express";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { FallbackJournal, journalDirOf } from "./adapters/journal/fallback-journal.ts";
import { SqlCallEndStore } from "./adapters/db/sql-call-end-store.ts";
import { SqlCallSessionStore } from "./adapters/db/sql-call-session-store.ts";
import { RingingLine } from "./adapters/telephony/emulated-ringing.ts";
import { EmulatedTelephony } from "./adapters/telephony/emulated-telephony.ts";
import { EmulatedSms, TwilioSms } from "./adapters/telephony/sms.ts";
import { LoggedSms } from "./adapters/db/logged-sms.ts";
import { TwilioTelephony } from "./adapters/telephony/twilio-telephony.ts";
import { CallFlow } from "./call-flow/machine.ts";
import { ALL_STEPS } from "./call-flow/steps/index.ts";
import type { Config } from "./config.ts";
import { createI18n, isLanguage, type Language } from "./i18n.ts";
import { invitationLetterSms } from "./call-flow/steps/invitation-booking.ts";
import { systemClock, type Services } from "./services.ts";
import { createApp } from "./transport/http/app.ts";
import { fallbackRoutes } from "./transport/voice/fallback-routes.ts";
import { privacyRoutes } from "./transport/http/console/privacy-routes.ts";
import { PersonErasure } from "./domain/privacy/person-erasure.ts";
import { Worklist } from "./domain/contacts/contact-details.ts";
import { worklistRoutes } from "./transport/http/console/worklist-routes.ts";
import { letterRoutes } from "./transport/http/console/letter-routes.ts";
import { centreDayRoutes } from "./transport/http/console/centre-day-routes.ts";
import { standbyRoutes } from "./transport/http/console/standby-routes.ts";
import { supplyDropRoutes } from "./transport/http/console/supply-drop-routes.ts";
import { SupplyDrops } from "./domain/supply/supply-drops.ts";
import { SqlSupplyDropStore } from "./adapters/db/sql-supply-drop-store.ts";
import { CentreDay } from "./domain/centre-day/centre-day.ts";
import { SqlCentreDayStore } from "./adapters/db/sql-centre-day-store.ts";
import { LetterRun } from "./domain/letters/letter-run.ts";
import { SqlLetterStore } from "./adapters/db/sql-letter-store.ts";
import { SqlPrivacyStore } from "./adapters/db/sql-privacy-store.ts";
import { renderApology } from "./transport/voice/render-twiml.ts";
import { voiceEndpoint } from "./transport/voice/voice-endpoint.ts";
import { voiceRoutes } from "./transport/voice/voice-routes.ts";
import { RecentSessions } from "./call-flow/recent-sessions.ts";
import type { Server as HttpServer, RequestListener } from "node:http";
import { isConnectionError } from "./adapters/prisma/database-errors.ts";
import { PrismaAgentStore } from "./adapters/prisma/prisma-agent-store.ts";
import { AgentDesk } from "./domain/agents/agent-desk.ts";
import { CallRouter } from "./domain/agents/call-router.ts";
import { CallbackDesk } from "./domain/agents/callback-desk.ts";
import { CallControl } from "./domain/agents/call-control.ts";
import { SqlCallLegStore } from "./adapters/db/sql-call-leg-store.ts";
import { callControlRoutes } from "./transport/http/console/call-control-routes.ts";
import { SqlRoutingStore } from "./adapters/db/sql-routing-store.ts";
import type { AgentStore } from "./domain/agents/agent-store.ts";
import type { SmsSender } from "./domain/telephony/sms-sender.ts";
import type { Telephony } from "./domain/telephony/telephony.ts";
import { consoleStatic } from "./transport/http/console-static.ts";
import { agentRoutes } from "./transport/http/console/agent-routes.ts";
import { authRoutes } from "./transport/http/console/auth-routes.ts";
import { bookingRoutes } from "./transport/http/console/booking-routes.ts";
import { callbackRoutes } from "./transport/http/console/callback-routes.ts";
import { authenticate } from "./transport/http/console/session-auth.ts";
import { supervisorRoutes } from "./transport/http/console/supervisor-routes.ts";
import { voiceTokenRoute } from "./transport/http/console/voice-token-route.ts";
import { attachConsoleSocket } from "./transport/socket/console-socket.ts";
import { LiveNotifier, type ConsoleServer } from "./transport/socket/live-notifier.ts";
import { Registry } from "prom-client";
import { PrismaSupervisionStore } from "./adapters/prisma/prisma-supervision-store.ts";
import { SupervisorControls } from "./domain/supervision/supervisor-controls.ts";
import { ServiceReport } from "./domain/supervision/service-report.ts";
import { Wallboard } from "./domain/supervision/wallboard.ts";
import { metricsRoute } from "./transport/http/metrics-route.ts";
import { hashPassword, verifyPassword } from "./adapters/auth/password.ts";
import { AccountService } from "./domain/accounts/account-service.ts";
import { originAllowed, originCheck, securityHeaders } from "./transport/http/browser-security.ts";
import { accountRoutes } from "./transport/http/console/account-routes.ts";
import { HttpMetrics, requestMetrics, WebhookWindow } from "./transport/http/request-metrics.ts";
import { AddressRateLimit } from "./domain/limits/address-rate-limit.ts";
import { AgentBookingReads } from "./domain/ledger/agent-booking-reads.ts";
import { PrismaBookingAudit } from "./adapters/prisma/prisma-booking-audit.ts";
import { MemoryAttemptCounter } from "./domain/limits/memory-attempt-counter.ts";
import { waitlistRoutes } from "./transport/http/console/waitlist-routes.ts";
import { createWaitlistServices } from "./waitlist-services.ts";
import { createAfterBookingServices, type AfterBookingServices } from "./after-booking-services.ts";

export interface Hotline {
  /** The server's request listener: Twilio's webhooks, then everything else through `app`. */
  handle: RequestListener;
  app: Express;
  i18n: i18n;
  flow: CallFlow;
  sms: SmsSender;
  telephony: Telephony;
  journal: FallbackJournal;
  agents: AgentStore;
  desk: AgentDesk;
  /** Hold, mute, transfer and supervisors' monitoring on a call's own conference. */
  control: CallControl;
  /** Offers waiting calls to free agents; the console sockets run a round every second. */
  router: CallRouter;
  wallboard: Wallboard;
  /** Reminders, the standby list and rebooking calls (issue 18). */
  afterBooking: AfterBookingServices;
  /** The URL Twilio reaches this server at; known once the server listens. */
  setPublicBaseUrl(url: string): void;
  attachSockets(server: HttpServer): Promise<{ io: ConsoleServer; close(): Promise<void> }>;
  /** Replays callback numbers taken while the database was down; returns how many. */
  replayJournal(): Promise<number>;
}

export async function createHotline(services: Services, config: Config, logger: Logger): Promise<Hotline> {
  const i18n = await createI18n();
  const live = config.TELEPHONY === "twilio";
  const twilioLocation = { region: config.TWILIO_REGION, edge: config.TWILIO_EDGE };
  const sms: SmsSender =
    live && config.TWILIO_SMS_FROM
      ? new TwilioSms(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, config.TWILIO_SMS_FROM, twilioLocation)
      : new EmulatedSms(logger);
  const telephony: Telephony =
    live && config.TWILIO_CALLER_ID
      ? new TwilioTelephony(
          config.TWILIO_ACCOUNT_SID,
          config.TWILIO_AUTH_TOKEN,
          config.TWILIO_CALLER_ID,
          twilioLocation,
        )
      : new EmulatedTelephony({
          authToken: config.TWILIO_AUTH_TOKEN,
          logger,
          callee: () => config.EMULATED_CALLEE,
          // A terminal phone waiting at the number takes the call (`npm run call -- --answer N`).
          phones: new RingingLine(config.EMULATED_PHONES_DIR),
          callerId: config.TWILIO_CALLER_ID,
        });
  const journal = new FallbackJournal(journalDirOf(config));
  const translate = (key: string, language: Language, params?: Record<string, string | number>) =>
    i18n.t(key, { ns: "voice", lng: language, ...(params ?? {}) });
  // Noted by id, so the retention run can delete the bodies at the provider.
  const loggedSms = new LoggedSms(sms, services.db, () => services.clock.now());
  const afterBooking = createAfterBookingServices(services, config, loggedSms, translate);
  // A letter's SMS (time and place, never the birth date), in the person's language.
  const waitlistServices = createWaitlistServices(services, config, {
    handleGaveUp: true,
    notify: async (view, code) => {
      const language = isLanguage(view.language) ? view.language : "de";
      await flow.deps.sms.send(view.phone!, invitationLetterSms(flow.deps, language, code, view));
    },
  });
  const flow = new CallFlow(ALL_STEPS, {
    ledger: services.ledger,
    clock: services.clock,
    settings: {
      minAge: config.MIN_AGE,
      waitlistFromAge: config.WAITLIST_FROM_AGE,
      holdMusicUrl: config.HOLD_MUSIC_URL,
    },
    operations: services.settings,
    queue: services.queue,
    callbacks: services.callbacks,
    sms: loggedSms,
    contacts: services.contacts,
    codeLookups: services.codeLookups,
    invitations: waitlistServices.calls,
    waitlist: waitlistServices.waitlist,
    registrations: services.registrations,
    waitEstimates: new WaitEstimates(waitlistServices.store, services.clock),
    hotlinePhone: config.HOTLINE_PHONE,
    translate,
    logger,
    afterBooking: { ...afterBooking, outbound: services.outbound },
  });
  let publicBaseUrl = config.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`;
  const baseUrl = () => publicBaseUrl.replace(/\/$/, "");
  const agents = new PrismaAgentStore(services.db.prisma);
  const notifier = new LiveNotifier();
  const now = () => services.clock.now();
  const desk = new AgentDesk(
    agents,
    services.queue,
    services.clock,
    notifier,
    {
      // The caller into their own conference, then the agent's softphone dialled into it.
      connect: async (callSid, agentId) => {
        await telephony.redirectCall(callSid, `${baseUrl()}/voice/agent/connect?agent=${encodeURIComponent(agentId)}`);
        await control.connect(callSid, agentId);
      },
      ended: (callSid) => control.callEnded(callSid),
    },
    new SqlRoutingStore(services.db),
    {
      ringSeconds: config.OFFER_RING_SECONDS,
      anyLanguageAfterSeconds: config.OFFER_ANY_LANGUAGE_AFTER_SECONDS,
      wrapUpSeconds: config.WRAP_UP_SECONDS,
      offerCallbacks: config.CALLBACK_OFFERS === "on",
    },
    (id) => services.callbacks.find(id),
  );
  const router = new CallRouter(desk, agents, services.clock, () => services.queue.name);
  const callbackDesk = new CallbackDesk(desk, services.clock);
  const supervision = new PrismaSupervisionStore(services.db.prisma);
  const control: CallControl = new CallControl({
    desk,
    agents,
    legs: new SqlCallLegStore(services.db),
    telephony,
    clock: services.clock,
    audit: (agentId, action, details) => supervision.audit(agentId, action, details),
    holdMusicUrl: config.HOLD_MUSIC_URL,
    findCall: (agent) => desk.current(agent),
    async callbackHandedOver(callbackId, agentId) {
      const request = await services.callbacks.find(callbackId);
      if (request?.claimToken && request.claimedBy === `agent:${agentId}`)
        await services.callbacks.record({ request, token: request.claimToken }, "connected");
    },
  });
  const privacy = new SqlPrivacyStore(services.db);
  const registry = new Registry();
  const webhooks = new WebhookWindow();
  const wallboard = new Wallboard(
    supervision,
    services.ledger,
    services.geography,
    desk,
    agents,
    services.clock,
    () => webhooks.summary(),
    new ServiceReport(supervision, agents, services.settings),
  );
  const controls = new SupervisorControls(services.ledger, services.callbacks, services.settings, supervision);
  const metrics = new HttpMetrics(registry, webhooks);
  const accounts = new AccountService(
    agents,
    { hash: hashPassword, verify: verifyPassword },
    supervision,
    services.clock,
    notifier,
  );
  const routers = [
    requestMetrics(metrics),
    metricsRoute(registry, () => wallboard.snapshot(), config.METRICS_TOKEN),
    authenticate(agents, now),
    authRoutes({
      agents,
      signIns: services.signIns,
      i18n,
      sessionHours: config.SESSION_HOURS,
      secureCookies: config.NODE_ENV === "production" || baseUrl().startsWith("https:"),
      now,
      sessionEnded: (tokenHash) => notifier.sessionEnded(tokenHash),
    }),
    agentRoutes({ desk, callbackDesk, agents, callbacks: services.callbacks, i18n }),
    callControlRoutes({ control, i18n }),
    bookingRoutes({
      ledger: services.ledger,
      reads: new AgentBookingReads(
        services.ledger,
        services.codeLookups,
        new PrismaBookingAudit(services.db.prisma),
        services.clock,
      ),
      contacts: services.contacts,
      logger,
      i18n,
    }),
    callbackRoutes({
      callbacks: services.callbacks,
      callbackDesk,
      telephony,
      i18n,
      publicBaseUrl: baseUrl,
    }),
    voiceTokenRoute({
      i18n,
      softphone: {
        accountSid: config.TWILIO_ACCOUNT_SID,
        apiKey: config.TWILIO_API_KEY,
        apiSecret: config.TWILIO_API_SECRET,
        twimlAppSid: config.TWILIO_TWIML_APP_SID,
        live,
      },
    }),
    centreDayRoutes({
      centreDay: new CentreDay(new SqlCentreDayStore(services.db), services.geography),
      i18n,
      now: () => services.clock.now(),
    }),
    standbyRoutes({ standby: afterBooking.standby, i18n }),
    privacyRoutes({ erasure: new PersonErasure(privacy, services.ledger, telephony), i18n }),
    letterRoutes({
      letters: new LetterRun(new SqlLetterStore(services.db), services.geography, services.clock, () => {
        const hours = services.settings.current().hotline;
        return {
          name: config.LETTER_SENDER,
          phone: config.HOTLINE_PHONE,
          opens: hours.opensAt,
          closes: hours.closesAt,
        };
      }),
      i18n,
    }),
    worklistRoutes({
      worklist: new Worklist(services.contacts, telephony, (p) => services.geography.placesOf(p), services.clock),
      i18n,
    }),
    supervisorRoutes({
      desk,
      agents,
      callbacks: services.callbacks,
      wallboard,
      controls,
      settings: services.settings,
      i18n,
    }),
    accountRoutes({ accounts, i18n }),
    waitlistRoutes({ ...waitlistServices, i18n }),
    supplyDropRoutes({
      drops: new SupplyDrops(new SqlSupplyDropStore(services.db), services.geography, services.clock),
      i18n,
      logger,
    }),
    consoleStatic(),
  ];
  // Real time, not the services' clock: this limit is about the requests' real rate, i.e. CPU.
  const availabilityLimit = new AddressRateLimit(new MemoryAttemptCounter(), systemClock, {
    perAddress: { name: "availability-address", limit: config.AVAILABILITY_PER_ADDRESS_PER_MINUTE, seconds: 60 },
    everyone: { name: "availability-everyone", limit: config.AVAILABILITY_PER_SECOND, seconds: 1 },
  });
  const app = createApp({
    db: services.db,
    ledger: services.ledger,
    i18n,
    logger,
    trustProxy: config.TRUST_PROXY,
    availabilityLimit,
    isDatabaseUnavailable: isConnectionError,
    guards: [
      securityHeaders({ publicBaseUrl: config.PUBLIC_BASE_URL, twilioSoftphone: live }),
      originCheck(i18n, config.PUBLIC_BASE_URL),
    ],
    routers,
  });
  const t = i18n.t.bind(i18n);
  const voice = voiceEndpoint(
    {
      authToken: config.TWILIO_AUTH_TOKEN,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      routes: [
        voiceRoutes({
          flow,
          sessions: new RecentSessions(new SqlCallSessionStore(services.db)),
          callEnd: new SqlCallEndStore(services.db),
          callbacks: services.callbacks,
          outbound: services.outbound,
          i18n,
          logger,
          callbackAnswered: (callSid, agentId, callbackId) => control.connectCallback(callSid, agentId, callbackId),
          machineAnswered: (callSid) => telephony.redirectCall(callSid, `${baseUrl()}/voice/enter/outbound-machine`),
        }),
        fallbackRoutes({ journal, i18n, logger, hours: () => services.settings.current().hotline }),
      ],
      metrics,
      logger,
      lastResort: () => renderApology("de", t, "/voice/fallback"),
    },
    app,
  );
  // Webhooks first: they are most of the traffic and need none of the console's middleware.
  const handle: RequestListener = (req, res) => {
    if (!voice(req, res)) app(req, res);
  };
  const replayJournal = () =>
    journal.replay(async (entry) => {
      await services.callbacks.register({
        phone: entry.phone,
        phoneSource: entry.phoneSource,
        language: entry.language,
        reason: "fallback",
        birthYear: null,
        hasCode: false,
        context: { source: "fallback-journal", callSid: entry.callSid },
        holdId: null,
        originCallSid: entry.callSid,
        journalId: entry.id,
        at: new Date(entry.at),
      });
    });
  return {
    handle,
    app,
    i18n,
    flow,
    sms,
    telephony,
    journal,
    replayJournal,
    agents,
    desk,
    control,
    router,
    wallboard,
    afterBooking,
    setPublicBaseUrl: (url: string) => void (publicBaseUrl = url),
    attachSockets: (server: HttpServer) =>
      attachConsoleSocket(server, {
        agents,
        desk,
        router,
        routingRoundMs: config.ROUTING_ROUND_MS,
        callbacks: services.callbacks,
        wallboard,
        notifier,
        i18n,
        logger,
        redisUrl: config.REDIS_URL,
        now,
        originAllowed: (req) => originAllowed(req.headers, config.PUBLIC_BASE_URL),
      }),
  };
}
