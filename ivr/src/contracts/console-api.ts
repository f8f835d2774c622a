// The contract between the server and the agent console, typed once and shared: HTTP
// payloads and socket.io events. Payloads coming in are validated with these schemas.
import type { CallControlView } from "./call-control.ts";
import { z } from "zod";
import { LANGUAGES } from "./languages.ts";
import type { WallboardSnapshot } from "./supervisor-api.ts";

/** A "centre" account is a vaccination centre's reception: it sees its own centre's day, nothing else. */
export const ROLES = ["agent", "supervisor", "centre"] as const;
export type Role = (typeof ROLES)[number];

export const AGENT_STATES = ["available", "on-call", "wrap-up", "break", "offline"] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Why an agent is "Nicht bereit" (state "break"); "missed" is set by the server only, after an unanswered offer. */
export const NOT_READY_REASONS = ["pause", "training", "technical", "missed"] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];

export interface UserView {
  id: string;
  displayName: string;
  role: Role;
  state: AgentState;
  /** ISO: when the agent entered the state (the desk's time-in-state timer). */
  stateSince?: string;
  notReadyReason?: NotReadyReason | null;
  languages?: string[];
  /** A centre account's centre; null for agents and supervisors. */
  centreId?: number | null;
}

/** Every error the API answers with: a typed code and a plain German (or English) message. */
export interface ApiError {
  error: { code: string; message: string; [detail: string]: unknown };
}

export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

/** Row ids are PostgreSQL integers: a larger number is malformed input (400), not a database error (500). */
export const rowId = z.number().int().positive().max(2_147_483_647);
export const rowIdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** States an agent chooses; "on-call" and "wrap-up" follow the conversation. "break" takes a reason ("pause" if none). */
export const stateRequest = z
  .object({
    state: z.enum(["available", "break", "offline"]),
    reason: z.enum(["pause", "training", "technical"]).optional(),
  })
  .refine((s) => s.reason === undefined || s.state === "break", { message: "reason with break only" });

/** A waiting call rung at one agent's desk until `expiresAt`. */
export interface OfferView {
  id: number;
  /** A caller waiting on the line, or a callback due (accepting claims it; "Anrufen" dials it). */
  kind: "call" | "callback";
  /** The waiting caller's; null for a callback. */
  callSid: string | null;
  /** The callback request's; null for a call. */
  callbackId: number | null;
  language: string;
  reason: string;
  /** When the caller joined the queue, or first asked to be called back. */
  enqueuedAt: string;
  offeredAt: string;
  expiresAt: string;
}

export const WRAP_UP_OUTCOMES = [
  "booked",
  "information",
  "cancelled-rebooked",
  "callback-arranged",
  "wrong-number",
  "other",
] as const;
export type WrapUpOutcome = (typeof WRAP_UP_OUTCOMES)[number];

/** The agent's one conversation (inbound call or callback), from answer or claim to the end of wrap-up. */
export interface ConversationView {
  id: number;
  kind: "call" | "callback";
  callSid: string | null;
  callbackId: number | null;
  startedAt: string;
  dialledAt: string | null;
  endedAt: string | null;
  wrapUpUntil: string | null;
  wrapUpExtended: boolean;
  outcome: WrapUpOutcome | null;
  note: string | null;
}

export const wrapUpRequest = z.object({
  outcome: z.enum(WRAP_UP_OUTCOMES),
  note: z.string().max(2000).optional(),
});

export const languagesRequest = z.object({
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length),
});

export interface PairView {
  firstSlotId: number;
  secondSlotId: number;
  centreId: number;
  firstStartsAt: string; // ISO
  secondStartsAt: string;
}

export interface HeldPairView extends PairView {
  holdId: string;
  expiresAt: string;
  /** The centre's name, where the server sends it (POST /api/holds); the menu's context has only the id. */
  centreName?: string;
}

/** What the menu learned before the caller reached an agent. */
export interface CallContextView {
  callSid: string;
  kind: "inbound" | "callback";
  language: string;
  phone: string | null;
  postcode: string | null;
  district: { id: number; name: string } | null;
  centre: { id: number; name: string } | null;
  heldPair: HeldPairView | null;
  birthYear: number | null;
  birthDate: string | null;
  path: string[];
  reason: string | null;
  enqueuedAt: string;
  answeredAt: string | null;
  waitedSeconds: number | null;
  callbackRequestId: number | null;
  /** A rebooking call: the booking whose first dose was missed. */
  missedBooking?: { code: string; firstStartsAt: string; secondStartsAt: string } | null;
}

export interface QueueSummary {
  waiting: number;
  longestWaitSeconds: number;
  next: { callSid: string; language: string; reason: string; enqueuedAt: string } | null;
}

export interface CentreOption {
  centreId: number;
  centreName: string;
  city: string;
  districtName: string;
  region: string;
  freePairs: number;
  distanceKm: number | null;
  pairs: PairView[];
}

export const searchQuery = z.object({
  postcode: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  districtId: rowIdParam.optional(),
  centreId: rowIdParam.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Pairs starting at or after this instant (the next person of a household: from the first one's time). */
  from: z.string().datetime({ offset: true }).optional(),
});

export interface SearchResult {
  options: CentreOption[];
  /** True only when no centre of the region has a single free pair. */
  regionFull: boolean;
}

export const holdRequest = z.object({
  firstSlotId: rowId,
  replaceHoldId: z.string().uuid().optional(),
  /**
   * Who in the conversation the pair is for: the household member (0 the first person, 1 the
   * next …) or "rebook"; a new hold for the same one replaces the old (hold_limit past the last).
   */
  member: z.union([z.number().int().min(0).max(99), z.literal("rebook")]).optional(),
});

export const personInput = z.object({
  name: z.string().trim().min(2).max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  phone: z.string().trim().max(32).optional().nullable(),
  postcode: z.string().regex(/^\d{5}$/),
});

export const bookRequest = z
  .object({
    holdId: z.string().uuid().optional(),
    firstSlotId: rowId.optional(),
    person: personInput,
    idempotencyKey: z.string().min(8).max(100),
  })
  .refine((b) => b.holdId || b.firstSlotId, { message: "holdId or firstSlotId" });

export const rebookRequest = z
  .object({
    holdId: z.string().uuid().optional(),
    firstSlotId: rowId.optional(),
    idempotencyKey: z.string().min(8).max(100),
  })
  .refine((b) => b.holdId || b.firstSlotId, { message: "holdId or firstSlotId" });

/** Finding a booking without its code: all three, as the person gives them. */
export const bookingSearchRequest = z.object({
  name: z.string().trim().min(2).max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  postcode: z.string().regex(/^\d{5}$/),
});
export type BookingSearchRequest = z.infer<typeof bookingSearchRequest>;

/** What an agent typed from a worklist entry's recordings (street and town only for a letter). */
export const worklistCompletion = z.object({
  name: z.string().trim().min(2).max(200),
  street: z.string().trim().max(200).nullable().default(null),
  city: z.string().trim().max(200).nullable().default(null),
});
export type WorklistCompletion = z.infer<typeof worklistCompletion>;

/** One entry of the agents' worklist (a phone booking whose name or address needs typing). */
export interface WorklistItemView {
  personId: number;
  bookedAt: string;
  code: string;
  keypadCode: string;
  birthDate: string;
  postcode: string;
  places: string[];
  name: string | null;
  street: string | null;
  city: string | null;
  letter: boolean;
  hasNameRecording: boolean;
  hasAddressRecording: boolean;
  needs: ("name" | "address")[];
}

/** One match of a search by name, birth date and postcode: enough to tell matches apart. */
export interface BookingMatch {
  code: string;
  codeFormatted: string;
  status: "active" | "cancelled";
  name: string | null;
  birthDate: string;
  postcode: string;
  centre: { id: number; name: string; city: string };
  firstStartsAt: string;
  secondStartsAt: string;
}

export interface BookingView {
  id: number;
  code: string;
  /** "7KQM-P2XD-9HTA" */
  codeFormatted: string;
  keypadCode: string;
  /** "757 672 939 482": the keypad digits grouped as the phone menu reads them and callers type them. */
  keypadFormatted: string;
  status: "active" | "cancelled";
  channel: string;
  centre: { id: number; name: string; street: string | null; city: string };
  firstStartsAt: string;
  secondStartsAt: string;
  person: { name: string | null; birthDate: string; postcode: string; phone: string | null };
}

export const CALLBACK_OUTCOMES = ["booked", "no-answer", "wrong-number", "declined", "call-again"] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const outcomeRequest = z.object({
  token: z.string().uuid(),
  outcome: z.enum(CALLBACK_OUTCOMES),
  notes: z.string().max(2000).optional(),
  callAgainAt: z.string().datetime({ offset: true }).optional(),
});

export interface CallbackView {
  id: number;
  token: string;
  phone: string;
  language: string;
  reason: string;
  status: string;
  attempts: number;
  birthYear: number | null;
  hasCode: boolean;
  firstContactAt: string;
  window: { from: string; to: string } | null;
  notes: string | null;
  context: Record<string, unknown>;
  heldPair: { holdId: string; expiresAt: string } | null;
}

/** Socket events, server → console. */
export interface ServerToClientEvents {
  "queue:update": (summary: QueueSummary) => void;
  "call:assigned": (context: CallContextView) => void;
  "call:ended": (payload: { callSid: string }) => void;
  "agent:state": (payload: {
    agentId: string;
    state: AgentState;
    since: string;
    notReadyReason?: NotReadyReason | null;
  }) => void;
  /** A waiting call rings at this agent's desk. */
  /**
   * A call's control state changed (hold, mute, transfer, consult, a supervisor listening,
   * whispering, barging or leaving), wherever it was changed: to the people in the call, the
   * people who just left it, and every supervisor.
   */
  "call:control": (control: CallControlView) => void;
  "offer:new": (offer: OfferView) => void;
  /** The offer stopped ringing: taken, missed (not answered in time) or withdrawn (caller gone). */
  "offer:ended": (payload: { id: number; how: "accepted" | "missed" | "withdrawn" }) => void;
  /** The agent's conversation changed (ended, wrap-up extended or closed: null). */
  "conversation:update": (conversation: ConversationView | null) => void;
  "callbacks:update": (counts: Record<string, number>) => void;
  /** Supervisors only, every 1.5 s. */
  "supervisor:wallboard": (snapshot: WallboardSnapshot) => void;
}

/** Socket events, console → server. Every payload is validated; acks carry errors. */
export interface ClientToServerEvents {
  "agent:set-state": (
    payload: { state: AgentState; reason?: NotReadyReason },
    ack: (result: { ok: true } | ApiError) => void,
  ) => void;
  "queue:subscribe": (ack: (summary: QueueSummary | ApiError) => void) => void;
  /** Supervisors only: the wallboard now (agents get a "forbidden" error). */
  "supervisor:snapshot": (ack: (snapshot: WallboardSnapshot | ApiError) => void) => void;
}

export const setStateEvent = stateRequest;
