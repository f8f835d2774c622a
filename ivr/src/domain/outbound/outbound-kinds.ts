// The kinds of call the outbound scheduler places from its task table, and how each is placed:
// its priority (lower first; callbacks promised to waiting callers come before all of them, as
// the scheduler's first source), whether it is automated (then only in calling hours, with
// answering-machine detection) or needs a free agent, how often it is tried and how far apart,
// and the phone step a person who answers starts at. Reminders, standby and rebooking calls add
// a line here and an answer step; the scheduler itself does not change.
export const OUTBOUND_KINDS = ["invitation", "reminder", "standby", "rebook", "supply-move"] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

export interface KindPolicy {
  /** Lower goes first; callbacks (not in this table) are 0. */
  priority: number;
  /** Automated calls (a recorded voice) are placed only in calling hours, with machine detection. */
  automated: boolean;
  /** A person takes the call when it is answered: placed only while an agent is free. */
  needsAgent: boolean;
  maxAttempts: number;
  /** Minutes before attempt 2, 3, …; the last value repeats. Pushed into calling hours. */
  retryDelaysMinutes: number[];
  /** The phone step (call-flow/steps) a person who answered starts at. */
  answerStep: string;
}

/**
 * Invitations: three attempts over 24 hours (now, about three hours later, the next day), then
 * a letter. Standby calls fill a slot that is free today, so they go before reminders and
 * invitations; reminders before invitations (a booked appointment must not be missed).
 */
export const KIND_POLICIES: Record<OutboundKind, KindPolicy> = {
  // One retry half an hour later, only while the offer is still usable (the task's not-after is
  // its usable-until; a retry due after it is not made). With one try, a 70 % answer rate and half
  // of those saying yes, a dose took about 1 / 0.35 = 2.9 people called; with the retry about
  // 1 / (0.91 * 0.5) = 2.2. The pending retry counts as a call still out, so the next wave does
  // not call anyone else for that dose meanwhile, and it is withdrawn when the doses are gone.
  standby: {
    priority: 10,
    automated: true,
    needsAgent: false,
    maxAttempts: 2,
    retryDelaysMinutes: [30],
    answerStep: "standby-answer",
  },
  reminder: {
    priority: 20,
    automated: true,
    needsAgent: false,
    maxAttempts: 2,
    retryDelaysMinutes: [180],
    answerStep: "reminder-answer",
  },
  // A supply drop moved the pair: three tries over a day, like an invitation, then the 'moved' letter.
  "supply-move": {
    priority: 25,
    automated: true,
    needsAgent: false,
    maxAttempts: 3,
    retryDelaysMinutes: [180, 1_260],
    answerStep: "supply-move-answer",
  },
  invitation: {
    priority: 30,
    automated: true,
    needsAgent: false,
    maxAttempts: 3,
    retryDelaysMinutes: [180, 1_260],
    answerStep: "invitation-answer",
  },
  rebook: {
    priority: 40,
    automated: false,
    needsAgent: true,
    maxAttempts: 3,
    retryDelaysMinutes: [120, 1_440],
    answerStep: "rebook-answer",
  },
};

export function isOutboundKind(kind: string): kind is OutboundKind {
  return (OUTBOUND_KINDS as readonly string[]).includes(kind);
}
