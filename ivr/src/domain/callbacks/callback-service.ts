// Callback requests: registered once per number with an honest window, claimed in
// fairness order by workers and agents, retried with growing delays, never lost.
import type { Clock } from "../ledger/ledger.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { SettingsSource } from "../operations-settings.ts";
import type { CallbackRecord, CallbackReason, CallbackStore, Claim } from "./callback-store.ts";
import { callbackWindow, type CallbackWindow } from "./callback-window.ts";
import { priorityGroup, randomRank, releaseWindow } from "./fairness.ts";
import { nextAttemptAt, withinHours } from "./retry-policy.ts";

export interface CallbackRequestInput {
  phone: string;
  phoneSource: "caller-id" | "keyed";
  language: string;
  reason: CallbackReason;
  birthYear: number | null;
  hasCode: boolean;
  context: Record<string, unknown>;
  /** A pair the caller already chose: kept for them until the callback is due. */
  holdId: string | null;
  originCallSid: string | null;
  /** Set when replayed from the fallback journal: makes the replay idempotent. */
  journalId?: string | null;
  /** When the caller first asked (journal replays keep the original time). */
  at?: Date;
}

export interface Registration {
  created: boolean;
  request: CallbackRecord;
  window: CallbackWindow | null;
}

export type Outcome = "booked" | "no-answer" | "wrong-number" | "declined" | "call-again" | "connected";

const GROUP_CACHE_MS = 5_000;
const REAP_EVERY_MS = 1_000;

export class CallbackService {
  private groups: { at: number; rows: { priorityGroup: number; releaseWindow: Date; count: number }[] } | null = null;
  private lastReap = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: CallbackStore,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly settings: SettingsSource,
    /** Callbacks completed per hour; from the agents working and handle times. */
    private readonly capacityPerHour: () => Promise<number>,
  ) {}

  async register(input: CallbackRequestInput): Promise<Registration> {
    const now = this.clock.now();
    const at = input.at ?? now;
    const { callbacks, hotline } = this.settings.current();
    const awaitingSupply = input.reason === "awaiting-supply";
    let holdExpiresAt: Date | null = null;
    if (input.holdId && !awaitingSupply) {
      holdExpiresAt = new Date(now.getTime() + callbacks.holdHours * 3_600_000);
    }
    const { created, request } = await this.store.register({
      phone: input.phone,
      phoneSource: input.phoneSource,
      language: input.language,
      reason: input.reason,
      priorityGroup: priorityGroup({ hasCode: input.hasCode, birthYear: input.birthYear }, now),
      releaseWindow: releaseWindow(at, callbacks.releaseWindowMinutes, hotline.opensAt),
      randomRank: randomRank(),
      birthYear: input.birthYear,
      hasCode: input.hasCode,
      firstContactAt: at,
      nextAttemptAt: awaitingSupply ? null : withinHours(now, hotline),
      context: input.context,
      holdId: holdExpiresAt ? input.holdId : null,
      holdExpiresAt,
      originCallSid: input.originCallSid,
      journalId: input.journalId ?? null,
    });
    if (created && request.holdId && holdExpiresAt) {
      const kept = await this.ledger.keepHoldFor(request.holdId, `callback:${request.id}`, holdExpiresAt);
      if (!kept) request.holdId = null;
    }
    if (awaitingSupply) return { created, request, window: null };
    const window = await this.windowFor(request.id);
    if (created) await this.store.setWindow(request.id, window.from, window.to);
    return { created, request, window };
  }

  async windowFor(id: number): Promise<CallbackWindow> {
    const request = await this.store.findById(id);
    const [ahead, perHour] = await Promise.all([request ? this.estimateAhead(request) : 0, this.capacityPerHour()]);
    return callbackWindow(ahead, perHour, this.clock.now(), this.settings.current().hotline);
  }

  /**
   * Requests served before this one: everyone in better groups or earlier windows, plus the
   * share of its own window that drew a lower random rank. The caller is told a window of
   * hours, so counts a few seconds old (one grouped query, cached) are exact enough, and
   * registering stays fast with 100,000 requests queued.
   */
  private async estimateAhead(r: CallbackRecord): Promise<number> {
    if (!this.groups || Date.now() - this.groups.at > GROUP_CACHE_MS)
      this.groups = { at: Date.now(), rows: await this.store.pendingByGroup() };
    let ahead = 0;
    for (const g of this.groups.rows) {
      const before =
        g.priorityGroup < r.priorityGroup || (g.priorityGroup === r.priorityGroup && g.releaseWindow < r.releaseWindow);
      if (before) ahead += g.count;
      else if (g.priorityGroup === r.priorityGroup && g.releaseWindow.getTime() === r.releaseWindow.getTime())
        ahead += Math.floor(g.count * r.randomRank);
    }
    return ahead;
  }

  async claimNext(claimer: string): Promise<Claim | null> {
    const now = this.clock.now();
    // Dead claimers' requests go back into line; once a second is soon enough and saves a
    // round trip on every claim.
    if (now.getTime() - this.lastReap >= REAP_EVERY_MS || now.getTime() < this.lastReap) {
      this.lastReap = now.getTime();
      await this.store.reapExpiredLeases(now);
    }
    return this.store.claimNext(claimer, this.settings.current().callbacks.leaseSeconds, now);
  }

  claimById(id: number, claimer: string): Promise<Claim | null> {
    return this.store.claimById(id, claimer, this.settings.current().callbacks.leaseSeconds, this.clock.now());
  }

  /** Records the dial and keeps the claim alive while the phone rings. */
  async dialling(claim: Claim, callSid: string): Promise<boolean> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.settings.current().callbacks.leaseSeconds * 1000);
    await this.store.logAttempt(claim.request.id, claim.request.claimedBy ?? "unknown", callSid, now);
    return this.store.markDialling(claim.request.id, claim.token, callSid, lease);
  }

  /**
   * Twilio's status callback for a dialled callback: answered calls are done (the agent adds
   * the outcome), unanswered ones are retried. Returns null for calls we did not place.
   */
  async dialEnded(callSid: string, callStatus: string, durationSeconds: number): Promise<CallbackRecord | null> {
    const answered = callStatus === "completed" && durationSeconds > 0;
    const requestId = await this.store.attemptEnded(callSid, answered ? "answered" : callStatus, this.clock.now());
    if (requestId === null) return null;
    const request = await this.store.findById(requestId);
    if (!request || !request.claimToken || !["claimed", "dialling"].includes(request.status)) return request;
    // An agent who dialled records the outcome themselves (booked, no answer, …).
    if (request.claimedBy?.startsWith("agent:")) return request;
    return this.record({ request, token: request.claimToken }, answered ? "connected" : "no-answer");
  }

  attemptsInFlight(): Promise<number> {
    return this.store.attemptsInFlight();
  }

  /**
   * Records what came of a callback. "no-answer" retries later (growing delays, inside
   * calling hours) until the attempts are used up, then flags a final SMS or letter.
   */
  async record(
    claim: Claim,
    outcome: Outcome,
    options: { notes?: string | null; callAgainAt?: Date } = {},
  ): Promise<CallbackRecord | null> {
    const now = this.clock.now();
    const { id } = claim.request;
    const { callbacks, hotline } = this.settings.current();
    let updated: CallbackRecord | null;
    if (outcome === "no-answer") {
      const at = nextAttemptAt(
        claim.request.attempts,
        now,
        { maxAttempts: callbacks.maxAttempts, delaysMinutes: callbacks.retryDelaysMinutes },
        hotline,
      );
      updated = at
        ? await this.store.retryLater(id, claim.token, at, outcome, options.notes ?? null, now)
        : await this.store.finish(
            id,
            claim.token,
            { status: "failed", outcome, notes: options.notes, finalNotice: finalNotice(claim.request.phone) },
            now,
          );
      if (!at && claim.request.holdId) await this.ledger.releaseHold(claim.request.holdId);
    } else if (outcome === "call-again") {
      const at = withinHours(options.callAgainAt ?? new Date(now.getTime() + 3_600_000), hotline);
      updated = await this.store.retryLater(id, claim.token, at, outcome, options.notes ?? null, now);
    } else {
      const status = outcome === "wrong-number" ? "failed" : "done";
      updated = await this.store.finish(id, claim.token, { status, outcome, notes: options.notes }, now);
      if (outcome !== "booked" && claim.request.holdId) await this.ledger.releaseHold(claim.request.holdId);
    }
    return updated;
  }

  find(id: number): Promise<CallbackRecord | null> {
    return this.store.findById(id);
  }

  findOpenByPhone(phone: string): Promise<CallbackRecord | null> {
    return this.store.findOpenByPhone(phone);
  }

  /** New supply was released: everyone waiting for appointments becomes due. */
  wakeAwaitingSupply(): Promise<number> {
    return this.store.wakeAwaitingSupply(this.clock.now());
  }

  countByStatus(): Promise<Record<string, number>> {
    return this.store.countByStatus(this.clock.now());
  }
}

/** Mobiles get a last SMS; landlines (most over-80s) a letter. */
function finalNotice(phone: string): "sms" | "letter" {
  return /^\+491[567]/.test(phone) ? "sms" : "letter";
}
