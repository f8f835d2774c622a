// The waiting list's part of the console contract: registration by an agent, duplicates,
// invitations, and the supervisor's invitation runs.
import { z } from "zod";
import { LANGUAGES } from "./languages.ts";

export const RELATIONS = ["self", "child", "spouse", "relative", "carer", "other"] as const;
export const TIMES_OF_DAY = ["any", "morning", "afternoon"] as const;

export const waitlistRegistration = z.object({
  name: z.string().trim().min(1).max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  postcode: z.string().regex(/^\d{5}$/),
  street: z.string().trim().max(200).nullish(),
  city: z.string().trim().max(100).nullish(),
  phone: z
    .string()
    .regex(/^\+\d{8,15}$/)
    .nullish(),
  relation: z.enum(RELATIONS).default("self"),
  language: z.enum(LANGUAGES).default("de"),
  preferredCentreId: z.number().int().positive().nullish(),
  timeOfDay: z.enum(TIMES_OF_DAY).default("any"),
  wheelchair: z.boolean().default(false),
  companion: z.boolean().default(false),
  interpreter: z.boolean().default(false),
  homeVisit: z.boolean().default(false),
  consentCalls: z.boolean().default(false),
  consentSms: z.boolean().default(false),
  codeHolder: z.boolean().default(false),
  /** Can come at short notice: the standby list calls them for left-over doses. */
  shortNotice: z.boolean().default(false),
});
export type WaitlistRegistration = z.input<typeof waitlistRegistration>;

export const duplicateDecision = z.object({ decision: z.enum(["merge", "apart"]) });
export const declineRequest = z.object({ final: z.boolean().default(false) });
export const runRequest = z.object({
  regionId: z.string().min(1).max(40),
  sharePercent: z.number().int().min(0).max(100).optional(),
  deadlineHours: z.number().int().min(1).max(336).optional(),
});

/** An entry as the console shows it. */
export interface WaitlistEntryView {
  id: number;
  registrationNumber: string;
  name: string;
  birthDate: string;
  postcode: string;
  street: string | null;
  city: string | null;
  phone: string | null;
  relation: string;
  language: string;
  regionId: string;
  preferredCentreId: number | null;
  timeOfDay: string;
  needs: { wheelchair: boolean; companion: boolean; interpreter: boolean; homeVisit: boolean };
  consentCalls: boolean;
  consentSms: boolean;
  /** Can come at short notice for doses left over (the standby list). */
  shortNotice: boolean;
  priorityGroup: number;
  status: string;
  source: string;
  registeredAt: string;
}

export interface InvitationRunView {
  id: number;
  regionId: string;
  status: "published" | "finished";
  seedHash: string;
  listHash: string;
  /** Published once the run has finished. */
  seed: string | null;
  entries: number;
  sharePercent: number;
  deadlineHours: number;
  freePairs: number;
  budget: number;
  invited: number;
  booked: number;
  createdAt: string;
  finishedAt: string | null;
}

/** The supervisor's campaign panel: start a run now with this share, or pause / resume a region. */
export const campaignStart = z.object({ sharePercent: z.number().int().min(0).max(100).default(70) });
export const campaignPause = z.object({ paused: z.boolean() });

export interface CampaignRegionView {
  regionId: string;
  paused: boolean;
  sharePercent: number;
  /** Priority group (0 code holders, 1 90+, 2 85–89, 3 80–84, 4 younger) → waiting entries. */
  waitingByGroup: Record<string, number>;
  invitations: { invited: number; accepted: number; declined: number; expired: number; booked: number };
  lettersPrinted: number;
  freePairs: number;
  nextRunSize: number;
  runs: InvitationRunView[];
}
