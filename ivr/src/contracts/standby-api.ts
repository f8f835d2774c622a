// The standby list between the server and the console: the centre enters the doses left and
// until when they can be used; the section shows each offer of the day and what came of it.
import { z } from "zod";

export const standbyRequest = z.object({
  doses: z.number().int().min(1).max(200),
  /** "HH:MM" today, Europe/Berlin. */
  until: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type StandbyRequest = z.infer<typeof standbyRequest>;

export interface StandbyOfferView {
  id: number;
  doses: number;
  used: number;
  usableUntil: string; // ISO
  /** A freed pair from a cancelled reminder, rather than doses the centre entered. */
  freedPair: boolean;
  status: "open" | "closed";
  /** Doses left unused when the offer closed (0 while it is open). */
  wasted: number;
  called: number;
  accepted: number;
  tooLate: number;
  declined: number;
  unreached: number;
}

export interface StandbyDayView {
  offers: StandbyOfferView[];
}

/** A waiting entry's opt-in for short notice (may be called for doses left over today). */
export const shortNoticeRequest = z.object({ shortNotice: z.boolean() });
export type ShortNoticeRequest = z.infer<typeof shortNoticeRequest>;
