// The phone menu as data. Steps decide what the caller hears and which input comes next;
// they never build TwiML (render-twiml.ts does) and never see HTTP or Twilio.
import type { Language } from "../contracts/languages.ts";
import type { StepName } from "../contracts/menu-steps.ts";
import type { CallbackService } from "../domain/callbacks/callback-service.ts";
import type { ContactStore } from "../domain/contacts/contact-details.ts";
import type { Clock, Ledger } from "../domain/ledger/ledger.ts";
import type { CodeLookupLimits } from "../domain/limits/code-lookup-limits.ts";
import type { SettingsSource } from "../domain/operations-settings.ts";
import type { AgentQueue } from "../domain/queue/agent-queue.ts";
import type { SmsSender } from "../domain/telephony/sms-sender.ts";
import type { OutboundCalls } from "../domain/outbound/outbound-calls.ts";
import type { Reminders } from "../domain/reminders/reminders.ts";
import type { Standby } from "../domain/standby/standby.ts";
import type { MoveNoticeCalls } from "../domain/supply/move-notice-calls.ts";
import type { InvitationCalls } from "../domain/waitlist/invitation-calls.ts";
import type { Waitlist } from "../domain/waitlist/waitlist.ts";
import type { WaitEstimates } from "../domain/waitlist/wait-estimate.ts";
import type { RegistrationLimits } from "../domain/limits/registration-limits.ts";
import type { Logger } from "pino";

export type { StepName };

export type Prompt =
  /** A sentence from the voice locale; `language` overrides the caller's (language hints). */
  | { say: string; params?: Record<string, string | number>; language?: Language }
  | { pause: number }
  /**
   * A booking code (written or keypad form), read as its keypad digits: slowly, in groups of
   * three ("4, 6, 3. 5, 7, 9. …"), the way it is typed on the phone.
   */
  | { code: string }
  /** Recorded audio (hold music), played once. */
  | { play: string };

export interface GatherSpec {
  step: StepName;
  /** Speech is offered wherever a number or a choice is asked for; keys always work. */
  speech: boolean;
  /** Free speech (a name, a street): no keys, no hints; what is heard is said back. */
  speechOnly?: boolean;
  numDigits?: number;
  finishOnKey?: string;
  timeoutSeconds: number;
  hints?: string;
  prompts: Prompt[];
}

export interface StepOutcome {
  prompts: Prompt[];
  gather?: GatherSpec;
  record?: { step: StepName; maxLengthSeconds: number; prompts: Prompt[] };
  redirect?: StepName;
  hangup?: boolean;
  /** Into the agent queue (Twilio <Enqueue>), with the wait loop at /voice/queue/wait. */
  enqueue?: { queue: string };
  /** Out of the queue's wait loop (Twilio <Leave>): the Enqueue's action decides what next. */
  leave?: boolean;
  /** Connects the call to an agent's browser softphone (Twilio <Dial><Client>). */
  dialAgent?: string;
  /** Slower speech: the caller asked twice to hear something again (see call-flow/hearing.ts). */
  slow?: boolean;
}

export interface CallerInput {
  digits: string | null;
  speech: string | null;
  recordingUrl: string | null;
}

export interface HeldPairState {
  holdId: string;
  centreId: number;
  firstSlotId: number;
  secondSlotId: number;
  firstStartsAt: string;
  secondStartsAt: string;
  expiresAt: string;
}

export interface BookedState {
  code: string;
  /** A code holder moved their appointments: the code is the one they already have. */
  rebooked?: boolean;
  centreId: number;
  firstStartsAt: string;
  secondStartsAt: string;
}

/** Everything the menu knows about one call; stored as JSON keyed by CallSid. */
export interface CallState {
  callSid: string;
  from: string | null;
  language: Language;
  startedAt: string;
  step: StepName;
  /** Silence or invalid input at the current step, reset on every step change. */
  retries: number;
  path: StepName[];
  /** Why the caller wanted (or needed) a person, for the agent. */
  operatorReason?:
    | "pressed-0"
    | "no-input"
    | "invalid-input"
    | "going-in-circles"
    | "technical"
    | "cannot-book"
    /** A booking found by code, but the birth date given twice did not match it. */
    | "identity-not-confirmed"
    /** A caller who lost the code: birth date, postcode and phone found no single booking. */
    | "code-not-found"
    /** A rebooking call: the person missed their first dose (the centre marked a no-show). */
    | "first-dose-missed"
    /** Registering on the waiting list, the name was not understood (an agent registers them). */
    | "name-not-understood"
    /** This caller ID registered as many people as it may today: an agent registers more. */
    | "registrations-limit";
  returnTo?: StepName;
  operatorVisits: number;
  /** Entries per menu since the last booking (see MAX_VISITS in machine.ts). */
  visits?: Partial<Record<StepName, number>>;
  /** A callback request was stored during this call (the goodbye then needs no hours). */
  callbackRegistered?: boolean;
  /** The caller cancelled a booking during this call. */
  cancelled?: boolean;
  birthYear?: number;
  postcode?: string;
  districtChoices?: { districtId: number | null; place: string; state: string }[];
  districtId?: number;
  centreId?: number;
  alternativeCentres?: number[];
  held?: HeldPairState;
  birthDate?: string;
  nameRecordingUrl?: string;
  /** The name as speech recognition heard it; the summary says it back before booking. */
  spokenName?: string;
  /** Street and house number for a letter, as heard (or a recording of it). */
  street?: string;
  city?: string;
  addressRecordingUrl?: string;
  /** Neither speech nor a recording gave an address: the booking goes on, an agent follows up. */
  addressGivenUp?: boolean;
  bookings: BookedState[];
  /** A hold to let go when the next pair is taken ("another day"). */
  releaseHoldId?: string;
  /** Offer pairs from this moment on ("another date", or close to a household member's). */
  offerAfter?: string;
  /** Set while a code holder rebooks: the booking being replaced, and whose it is. */
  rebookCode?: string;
  rebookPerson?: {
    name: string | null;
    nameRecordingUrl: string | null;
    birthDate: string;
    phone: string | null;
    postcode: string;
  };
  /** Found by its code; nothing about it is said until the caller gives its birth date. */
  codeCandidate?: string;
  /**
   * A booking whose birth date the caller gave in this call: only this one is read out,
   * rebooked or cancelled.
   */
  lookedUpCode?: string;
  /** A caller who lost the code: what they said so far, and the booking found. */
  lostCode?: {
    birthDate?: string;
    postcode?: string;
    /** The booking found; its code went out by SMS to the mobile number on file. */
    code?: string;
    smsTo?: string;
  };
  /** Counts booking attempts, so each gets its own idempotency key. */
  bookingAttempt: number;
  /** Why a callback is being offered or registered. */
  callbackReason?: "agent" | "awaiting-supply" | "outside-hours" | "queue-full" | "long-wait" | "no-agents";
  callbackPhone?: { number: string; source: "caller-id" | "keyed" };
  /** Wait-loop announcements in a row with nobody signed in. */
  loopsWithoutAgents?: number;
  /** Set in the queue's wait loop when the caller pressed 1. */
  convertToCallback?: boolean;
  queuedAt?: string;
  /** Twilio's QueuePosition / QueueResult / QueueTime of the latest queue webhook. */
  queuePosition?: number;
  queueResult?: string;
  queueTimeSeconds?: number;
  /**
   * An invitation on the phone: found by the automated call's task or a typed registration
   * number. `confirmed` once the birth date matched; nothing personal is said before.
   */
  invitation?: { id: number; registrationNumber: string; confirmed: boolean };
  /** Pairs offered instead of the invitation's ("anderer Termin"), first-dose slot ids. */
  invitationOthers?: { firstSlotId: number; centreId: number; firstStartsAt: string; secondStartsAt: string }[];
  /** How the last booking's confirmation goes out, where the menu knows it better than the caller ID does. */
  confirmationBy?: "sms" | "letter";
  /** On an automated outbound call: the scheduler's task, its subject (an invitation's id), and who answered. */
  outboundTaskId?: number;
  outboundSubject?: string;
  answeredBy?: "human" | "machine";
  /** On a reminder, standby or supply-move call: the birth date matched for this task (booking-identity). */
  outboundIdentity?: { taskId: number; confirmed: boolean };
  /** On a rebooking call: the booking whose first dose was missed, for the agent's screen. */
  missedBooking?: { code: string; firstStartsAt: string; secondStartsAt: string };
  /** On an outbound callback call: the request being served. */
  callbackRequestId?: number;
  hasCode?: boolean;
  /** The supervisors' announcement was due after the caller's first choice (said, if one was active). */
  announced?: boolean;
  /** Times the caller asked to hear something again ("*", "Wie bitte?"). */
  repeatRequests?: number;
  /** Asked twice for a repeat: slower, shorter prompts and keys only for the rest of the call. */
  hardOfHearing?: boolean;
  /** A number understood from speech, said back before it is used ("Ich habe 3 3 3 3 0 verstanden"). */
  readBack?: { of: "birth-year" | "postcode"; value: string };
  /** The last postcode was outside NRW and Hessen: the caller may type another or hang up. */
  outsideArea?: boolean;
  /** The exact birth date showed the person too young even for the announced group. */
  tooYoung?: boolean;
  /** Why the waiting list was offered (the step's text and choices depend on it). */
  waitlistOffered?: "region-full" | "announced";
  /** Registering on the waiting list: why, and how the appointment is to reach the person. */
  waitlist?: {
    reason: "chosen" | "region-full" | "announced";
    /** What the centre must know: a wheelchair, or cannot come at all (a home visit). */
    needs?: "wheelchair" | "home-visit" | "none";
    contact?: "self" | "relative" | "letter";
  };
  /** The registration made in this call: its number (said twice), new or already listed. */
  registered?: { number: string; created: boolean; byLetter: boolean; homeVisit?: boolean; weeks?: number | null };
}

export interface FlowSettings {
  minAge: number;
  /**
   * Callers this old (and under minAge) may register on the waiting list: their group is
   * announced but not yet called (WAITLIST_FROM_AGE). Equal to minAge: nobody younger.
   */
  waitlistFromAge?: number;
  /** Music between the queue's announcements (an MP3 or WAV URL Twilio can fetch). */
  holdMusicUrl: string;
}

export interface FlowDeps {
  ledger: Ledger;
  clock: Clock;
  settings: FlowSettings;
  operations: SettingsSource;
  queue: AgentQueue;
  callbacks: CallbackService;
  sms: SmsSender;
  /** Name source and postal address beside a phone booking (the agents' worklist). */
  contacts: Pick<ContactStore, "saveDetails">;
  /** How many booking codes a caller ID may have looked up (withheld numbers share one window). */
  codeLookups: Pick<CodeLookupLimits, "callerLookup">;
  /** Invitations on the phone (the automated call, or a registration number typed); absent: none known. */
  invitations?: Pick<InvitationCalls, "open" | "openByNumber" | "accept" | "acceptOther" | "decline">;
  /** Registration on the waiting list by phone; absent: not offered. */
  waitlist?: Pick<Waitlist, "register">;
  /** Weeks a new entry waits at last week's pace of invitations (null: no invitations then). */
  waitEstimates?: Pick<WaitEstimates, "weeksFor">;
  /** How many people one caller ID may register by phone. */
  registrations?: Pick<RegistrationLimits, "callerRegistration">;
  /** The official hotline number, as automated calls give it to call back (HOTLINE_PHONE). */
  hotlinePhone?: string;
  /** Translates a prompt key in a language (used for SMS texts). */
  translate(key: string, language: Language, params?: Record<string, string | number>): string;
  logger: Logger;
  /** Reminder and standby calls (issue 18). */
  afterBooking: AfterBookingDeps;
}

/** What the reminder and standby calls' steps need: their task, and the services behind the keys. */
export interface AfterBookingDeps {
  /** The official number people are told to call back (never a personal detail). */
  hotlinePhone: string;
  outbound: Pick<OutboundCalls, "find">;
  reminders: Pick<Reminders, "record">;
  standby: Pick<Standby, "find" | "stillOpen" | "accept" | "declined" | "offerFreedPair" | "entry">;
  moveNotices: Pick<MoveNoticeCalls, "find" | "answered">;
}

export interface StepContext {
  state: CallState;
  deps: FlowDeps;
}

export type OperatorReason = NonNullable<CallState["operatorReason"]>;

export type HandleResult =
  | StepOutcome
  | { invalid: string; params?: Record<string, string | number> }
  | { goto: StepName; prompts?: Prompt[] }
  /** To a person through the machine (queue or callback offer; goodbye after two visits). */
  | { toOperator: OperatorReason; prompts?: Prompt[] };

export interface Step {
  name: StepName;
  enter(ctx: StepContext): Promise<StepOutcome> | StepOutcome;
  handle?(ctx: StepContext, input: CallerInput): Promise<HandleResult> | HandleResult;
  /** Steps that treat silence as an answer (the language hint: silence means German). */
  acceptsSilence?: boolean;
  /**
   * The way out after two failed answers or too many visits; without it (or when it answers
   * null), a person (or, for a caller who went to one twice already, goodbye with the hours).
   */
  giveUp?(
    ctx: StepContext,
    reason: NonNullable<CallState["operatorReason"]>,
  ): Promise<Exclude<HandleResult, { invalid: string }> | null> | Exclude<HandleResult, { invalid: string }> | null;
  /** Steps where * and 0 are ordinary input (booking codes never contain them, but keep the door open). */
  ownsStarAndZero?: boolean;
}
