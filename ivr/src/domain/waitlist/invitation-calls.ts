// The invitation reaches the person: after a run, one automated call per invited entry that
// gave a phone number and consented to calls (the outbound scheduler paces them); on the phone
// (that call, or the person calling in with their registration number) 1 books the held pair,
// 2 takes one of the next two pairs instead, 3 releases the pair at once and ends the entry.
// When every call attempt failed, or the deadline came too close, the held pair is booked and
// the entry gets an invitation letter (as people without a phone do straight from the run).
import type { Clock, Ledger } from "../ledger/ledger.ts";
import { invitationCallCapacity } from "../outbound/call-capacity.ts";
import type { CallingHours } from "../outbound/calling-hours.ts";
import { smsAllowed } from "../outbound/identity-policy.ts";
import type { OutboundCalls } from "../outbound/outbound-calls.ts";
import type { OutboundTask } from "../outbound/outbound-store.ts";
import type { InvitationRuns } from "./invitation-runs.ts";

/** What the phone may say about an invitation, once the birth date matched. */
export interface InvitationView {
  invitationId: number;
  entryId: number;
  registrationNumber: string;
  name: string;
  birthDate: string;
  postcode: string;
  street: string | null;
  city: string | null;
  phone: string | null;
  consentSms: boolean;
  language: string;
  centreId: number;
  holdId: string | null;
  firstStartsAt: Date;
  secondStartsAt: Date;
  deadline: Date | null;
}

export interface InvitationCallStore {
  /** The run's open invitations whose entry gave a phone and consented to calls. */
  toCall(runId: number): Promise<{ invitationId: number; phone: string; language: string; deadline: Date }[]>;
  /** An open invitation (status "invited", deadline not passed). */
  open(invitationId: number, now: Date): Promise<InvitationView | null>;
  /** The open invitation of the entry with this registration number. */
  openByNumber(registrationNumber: string, now: Date): Promise<InvitationView | null>;
  /** The held pair, booked, becomes a letter: invitation "booked", entry "booked", person gets letters. */
  bookedForLetter(invitationId: number, bookingId: number, now: Date): Promise<boolean>;
}

export interface InvitationCallOptions {
  /** The account's calls-per-second budget (live). */
  callsPerSecond: () => number;
  callingHours: CallingHours;
  /** A letter's pair starts at least this many days ahead where the centre has one (the run's rule). */
  letterLeadDays: number;
  /** Tells a person booked for a letter by SMS too, where smsAllowed (time and place, never the birth date). */
  notify?: (view: InvitationView, code: string) => Promise<void>;
}

/** A call placed this close to the deadline could not be answered in time: the letter goes at once. */
const LAST_CALL_BEFORE_DEADLINE_MS = 60 * 60_000;

export class InvitationCalls {
  constructor(
    private readonly store: InvitationCallStore,
    private readonly runs: InvitationRuns,
    private readonly outbound: OutboundCalls,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly options: InvitationCallOptions,
    /** Only the composition root that answers the calls registers the letter fallback. */
    handleGaveUp = false,
  ) {
    if (handleGaveUp)
      outbound.onGaveUp("invitation", {
        gaveUp: async (task) => {
          await this.toLetter(task);
        },
      });
  }

  /**
   * Queues the calls of a finished run, as many as the calls-per-second budget can place before
   * the deadline (call-capacity.ts); the rest, in lottery order after them, are booked and go by
   * letter (and SMS) at once. Answers how many calls were queued and how many letters made.
   */
  async callRun(runId: number): Promise<{ calls: number; letters: number }> {
    const rows = await this.store.toCall(runId);
    if (rows.length === 0) return { calls: 0, letters: 0 };
    const now = this.clock.now();
    const queued = (await this.outbound.counts())
      .filter((c) => c.kind === "invitation" && ["pending", "claimed", "dialling"].includes(c.status))
      .reduce((sum, c) => sum + c.count, 0);
    const deadline = new Date(Math.min(...rows.map((r) => r.deadline.getTime())) - LAST_CALL_BEFORE_DEADLINE_MS);
    const capacity = invitationCallCapacity(
      now,
      deadline,
      this.options.callsPerSecond(),
      this.options.callingHours,
      queued,
    );
    const called = rows.slice(0, capacity);
    let letters = 0;
    for (const r of rows.slice(capacity)) if (await this.toLetter({ subjectId: String(r.invitationId) })) letters++;
    const calls = await this.outbound.enqueue(
      called.map((r) => ({
        kind: "invitation" as const,
        subjectId: String(r.invitationId),
        phone: r.phone,
        language: r.language,
        notBefore: this.clock.now(),
        notAfter: new Date(r.deadline.getTime() - LAST_CALL_BEFORE_DEADLINE_MS),
      })),
    );
    return { calls, letters };
  }

  open(invitationId: number): Promise<InvitationView | null> {
    return this.store.open(invitationId, this.clock.now());
  }

  openByNumber(registrationNumber: string): Promise<InvitationView | null> {
    return this.store.openByNumber(registrationNumber, this.clock.now());
  }

  /** 1: the held pair is booked. No call is placed for it any more. */
  async accept(invitationId: number): Promise<{ code: string }> {
    const { code } = await this.runs.accept(invitationId, null);
    await this.outbound.cancel("invitation", String(invitationId));
    return { code };
  }

  /** 2, then a choice: another pair (held by the call) is booked and the invitation's pair given back. */
  async acceptOther(invitationId: number, holdId: string): Promise<{ code: string }> {
    const { code } = await this.runs.acceptOther(invitationId, holdId);
    await this.outbound.cancel("invitation", String(invitationId));
    return { code };
  }

  /** 3: no appointment needed any more; the pair goes back at once, the entry leaves the list. */
  async decline(invitationId: number): Promise<void> {
    await this.runs.decline(invitationId, true);
    await this.outbound.cancel("invitation", String(invitationId));
  }

  /** Every call attempt failed (or too late to call): the held pair is booked and goes out by letter. */
  async toLetter(task: Pick<OutboundTask, "subjectId">): Promise<boolean> {
    const invitation = await this.open(Number(task.subjectId));
    if (!invitation?.holdId) return false;
    // A letter takes days: a pair sooner than the letters' lead time is swapped for the centre's
    // earliest pair after it, where there is one (else the pair stays, and the SMS or the
    // hotline must tell in time).
    const now = this.clock.now();
    const lead = new Date(now.getTime() + this.options.letterLeadDays * 86_400_000);
    let holdId = invitation.holdId;
    if (invitation.firstStartsAt < lead) {
      const later = await this.ledger.holdEarliest(invitation.centreId, `waitlist:${invitation.entryId}`, {
        after: lead,
      });
      if (later) {
        await this.ledger.releaseHold(invitation.holdId);
        holdId = later.holdId;
      }
    }
    const result = await this.ledger.book({
      holdId,
      person: {
        name: invitation.name,
        nameRecordingUrl: null,
        birthDate: invitation.birthDate,
        phone: invitation.phone,
        postcode: invitation.postcode,
      },
      channel: "phone",
      agentId: null,
      idempotencyKey: `invitation:${invitation.invitationId}:letter`,
    });
    const booked = await this.store.bookedForLetter(invitation.invitationId, result.bookingId, this.clock.now());
    // A letter takes days: a mobile number the person gave, with consent, hears of it today.
    if (booked && smsAllowed(invitation)) await this.options.notify?.(invitation, result.code).catch(() => undefined);
    return booked;
  }
}
