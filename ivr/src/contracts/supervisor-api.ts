// The supervisors' part of the console contract: the wallboard snapshot pushed over
// socket.io, the day's series, and the controls (supply, settings, announcement).
import { z } from "zod";
import { LANGUAGES } from "./languages.ts";

export interface WallboardSnapshot {
  at: string;
  menu: { step: string; calls: number }[];
  queue: {
    waiting: number;
    longestWaitSeconds: number;
    lastHour: {
      served: number;
      avgWaitSeconds: number | null;
      avgAnnouncedMinutes: number | null;
      avgEstimateErrorMinutes: number | null;
    };
  };
  agents: Record<string, number>;
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
  /** Played after the greeting, per language; empty for none. */
  announcement: Record<string, string>;
}

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
  code: z.string().trim().min(12).max(20),
  /** "03.03.1938" or "1938-03-03". */
  birthDate: z
    .string()
    .trim()
    .regex(/^(\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})$/),
});
export type PrivacyRequest = z.infer<typeof privacyRequest>;
