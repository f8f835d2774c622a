// The supervisors' part of the console contract: the wallboard snapshot pushed over
// socket.io, the day's series, and the controls (supply, settings, announcement).
import { z } from "zod";
import { LANGUAGES } from "./languages.ts";

export interface WallboardSnapshot {
  at: string;
  menu: { step: string; calls: number }[];
  queue: { waiting: number; longestWaitSeconds: number };
  /** The service figures of the running quarter-hour and of the day so far. */
  service: ServiceView;
  agents: Record<string, number>;
  /** Every agent (not supervisors), by name. */
  agentList: AgentRow[];
  callbacks: {
    pending: number;
    due: number;
    overdue: number;
    inProgress: number;
    failed: number;
    done: number;
    awaitingSupply: number;
    attempts: number;
  };
  bookings: { last15Minutes: Record<string, number>; lastHour: Record<string, number>; today: Record<string, number> };
  freePairs: {
    regions: { regionId: string; name: string; freePairs: number; full: boolean }[];
    centres: {
      centreId: number;
      name: string;
      regionId: string;
      freePairs: number;
      level: "ok" | "nearly-full" | "full";
    }[];
  };
  webhooks: { requests: number; p95Ms: number | null; errorRate: number };
}

/** A tile's state against the thresholds the supervisor set: shown as colour and as a word. */
export type TileLevel = "ok" | "warning" | "critical";

/**
 * The figures of one period: a quarter-hour or the day so far. Callers are counted in the
 * period in which they joined the queue; conversations in the one in which they ended.
 * Ratios are 0..1, null when there is nothing to divide by. Definitions: README.
 */
export interface ServiceFigures {
  from: string;
  until: string;
  offered: number;
  answered: number;
  answeredInTarget: number;
  /** Hung up in the queue after more than 5 s. */
  abandoned: number;
  /** Hung up within 5 s: not counted against the service level or the abandon rate. */
  shortAbandoned: number;
  /** Pressed 1 while waiting to be called back instead. */
  toCallback: number;
  /** Left the queue otherwise (queue full, telephony error). */
  otherExits: number;
  /** Of those who joined in the period, still waiting. */
  waiting: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  avgSpeedOfAnswerSeconds: number | null;
  handled: number;
  avgHandleSeconds: number | null;
  occupancy: number | null;
  /** Answered callers who had been told an estimate; how many waited within it; mean minutes outside. */
  estimate: { measured: number; withinRange: number; avgErrorMinutes: number | null };
}

export interface ServiceView {
  target: { percent: number; seconds: number };
  /** Hang-ups up to this wait are short abandons (the supervisor's setting). */
  shortAbandonSeconds: number;
  interval: ServiceFigures;
  today: ServiceFigures;
  levels: { serviceLevel: TileLevel; longestWait: TileLevel; callbacksOverdue: TileLevel };
}

export interface AgentRow {
  id: string;
  displayName: string;
  state: string;
  since: string;
  handledToday: number;
  /** In wrap-up for longer than the supervisor's limit. */
  longWrapUp: boolean;
}

export interface DaySeries {
  day: string;
  series: Record<string, { at: string; value: number }[]>;
}

export const supplyRequest = z.object({
  regionId: z.enum(["nordrhein", "westfalen-lippe", "hessen"]),
  weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  doses: z.number().int().min(2).max(5_000_000),
  vaccineId: z.string().default("biontech"),
});

/** The operational settings as the supervisors' page reads them (GET /api/supervisor/settings). */
export interface OperationsSettings {
  hotline: { opensAt: string; closesAt: string };
  queue: {
    name: string;
    /** Callers the agent queue holds; Twilio's queues hold 1,000 by default. */
    capacity: number;
    /** Offer a callback instead of waiting when the estimate's upper end is above this. */
    offerCallbackAboveMinutes: number;
    /** Handle time assumed until real calls have been measured. */
    defaultHandleSeconds: number;
  };
  callbacks: {
    maxAttempts: number;
    retryDelaysMinutes: number[];
    releaseWindowMinutes: number;
    /** A pair the caller chose stays held until the callback, at most this long. */
    holdHours: number;
    /** Twilio's default limit for outbound calls is 1 per second per account. */
    callsPerSecond: number;
    leaseSeconds: number;
  };
  /** Service-level target and the thresholds at which the wallboard's tiles turn amber and red. */
  service: ServiceSettings;
  /** Played after the greeting, per language; empty for none. */
  announcement: Record<string, string>;
}

export interface ServiceSettings {
  /** Service level: this share (%) of callers answered within `targetSeconds`. */
  targetPercent: number;
  targetSeconds: number;
  /** Amber below the target percent, red below this. */
  serviceLevelRedPercent: number;
  longestWaitAmberSeconds: number;
  longestWaitRedSeconds: number;
  callbacksOverdueAmber: number;
  callbacksOverdueRed: number;
  /** An agent in wrap-up for longer than this is flagged on the wallboard. */
  longWrapUpSeconds: number;
  /**
   * A caller who hangs up within this many seconds of joining the queue is a short abandon
   * (dialled by mistake, or heard the wait and left): counted apart, not in the abandon rate.
   */
  shortAbandonSeconds: number;
}

/** 80 % in 60 s, the contact-centre habit; amber and red where a supervisor would act. */
export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  targetPercent: 80,
  targetSeconds: 60,
  serviceLevelRedPercent: 60,
  longestWaitAmberSeconds: 60,
  longestWaitRedSeconds: 180,
  callbacksOverdueAmber: 1,
  callbacksOverdueRed: 10,
  longWrapUpSeconds: 120,
  shortAbandonSeconds: 5,
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const settingsUpdate = z
  .object({
    hotline: z.object({ opensAt: hhmm, closesAt: hhmm }).partial(),
    queue: z
      .object({
        capacity: z.number().int().min(1).max(100_000),
        offerCallbackAboveMinutes: z.number().int().min(0).max(600),
        defaultHandleSeconds: z.number().int().min(30).max(3600),
      })
      .partial(),
    callbacks: z
      .object({
        maxAttempts: z.number().int().min(1).max(10),
        retryDelaysMinutes: z
          .array(
            z
              .number()
              .int()
              .min(1)
              .max(7 * 24 * 60),
          )
          .min(1)
          .max(10),
        releaseWindowMinutes: z.number().int().min(1).max(1440),
        holdHours: z.number().min(0).max(72),
        callsPerSecond: z.number().min(0.1).max(100),
      })
      .partial(),
    service: z
      .object({
        targetPercent: z.number().int().min(1).max(100),
        targetSeconds: z.number().int().min(1).max(3600),
        serviceLevelRedPercent: z.number().int().min(0).max(100),
        longestWaitAmberSeconds: z.number().int().min(1).max(86_400),
        longestWaitRedSeconds: z.number().int().min(1).max(86_400),
        callbacksOverdueAmber: z.number().int().min(1).max(100_000),
        callbacksOverdueRed: z.number().int().min(1).max(100_000),
        longWrapUpSeconds: z.number().int().min(10).max(3600),
        // Longer than the target would count callers the service level should see as short abandons.
        shortAbandonSeconds: z.number().int().min(0).max(60),
      })
      .partial(),
    /** The version the supervisor's form was filled from: if the settings changed since, 409. */
    basedOnVersion: z.number().int().min(0),
  })
  .partial();
export type SettingsUpdate = z.infer<typeof settingsUpdate>;

export const announcementRequest = z.object({
  /** Per language; empty texts remove the announcement. */
  texts: z.partialRecord(z.enum(LANGUAGES), z.string().max(600)),
});

/** A person's access request (DSGVO Art. 15) or erasure (Art. 17): booking code and birth date. */
export const privacyRequest = z.object({
  /** A booking code (written or keypad form) or a waiting-list registration number. */
  code: z.string().trim().min(10).max(20),
  /** "03.03.1938" or "1938-03-03". */
  birthDate: z
    .string()
    .trim()
    .regex(/^(\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})$/),
});
export type PrivacyRequest = z.infer<typeof privacyRequest>;
