// The invitation run of a KV region: publish the commitments (SHA-256 of the seed and of the
// frozen list), then assign pairs in lottery order, batch by batch, each batch one statement;
// then publish the seed. An assignment is a hold until the acceptance deadline, or, for people
// reached only by letter, a booking at least a week ahead. Accepting books the held pair
// through the ledger; declining gives it back at once; an expired deadline gives it back and
// the person waits for the next run.
import { randomUUID } from "node:crypto";
import { DomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import { generateBookingCode } from "../ledger/booking-code.ts";
import type { Clock, Ledger } from "../ledger/ledger.ts";
import { InvitationPlanner, type Assignment } from "./invitation-plan.ts";
import { berlinDate } from "../time/berlin.ts";
import { compactOrder, drawSeed, parseFrozenListCompact, sha256Hex, verifyRun, type Verification } from "./lottery.ts";
import { DEFAULT_PRIORITY, type PrioritySettings } from "./priority.ts";
import type { AssignOutcome, AssignRow, InvitationRecord, RunRecord, WaitlistStore } from "./waitlist-store.ts";

const TIMES_OF_DAY = ["any", "morning", "afternoon"] as const;
// One batch in flight: two at once (each on its own connection) measured no faster
// (bench:invitations 109.8 s against 84.2 s at a similar load): consecutive batches of the
// lottery order take the same earliest slots, so the second waits on the first's slot locks.
const PARALLEL_BATCHES = 1;

export interface RunSettings {
  /** Share of the region's free pairs given to invitations; the rest stays for the phone. */
  sharePercent: number;
  deadlineHours: number;
  /** A letter's booked pair starts at least this many days after the run. */
  letterLeadDays: number;
  /** Nobody is sent further than this to a centre other than their own. */
  maxKm: number;
  batchSize: number;
  priority: PrioritySettings;
  /**
   * Only people this old on the run's day are invited (code holders always): the waiting list
   * also takes an announced group before it is called (WAITLIST_FROM_AGE).
   */
  minAge: number;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  sharePercent: 70,
  deadlineHours: 72,
  letterLeadDays: 7,
  maxKm: 60,
  batchSize: 2_000,
  priority: DEFAULT_PRIORITY,
  minAge: 80,
};

export interface RunResult {
  run: PublicRun;
  invited: number;
  booked: number;
  /** Entries in lottery order that nothing within reach fitted (they keep waiting). */
  unplaced: number;
}

/** What may be shown to anyone: the seed only once the run is finished. */
export type PublicRun = Omit<RunRecord, "seed"> & { seed: string | null };

export class InvitationRuns {
  private finished: ((runId: number) => Promise<unknown>) | null = null;

  constructor(
    private readonly store: WaitlistStore,
    private readonly ledger: Ledger,
    private readonly geography: Geography,
    private readonly clock: Clock,
    private readonly defaults: RunSettings = DEFAULT_RUN_SETTINGS,
  ) {}

  /** What happens once a run has assigned its pairs (the invitation calls are queued). */
  onFinished(then: (runId: number) => Promise<unknown>): void {
    this.finished = then;
  }

  /** Freezes the region's waiting list and publishes the two digests (audit log and API). */
  async publish(regionId: string, options: Partial<Pick<RunSettings, "sharePercent" | "deadlineHours">>, by: string) {
    if (!this.geography.region(regionId)) throw new DomainError("region_unknown");
    await this.refuseWhenPaused(regionId);
    const sharePercent = options.sharePercent ?? this.defaults.sharePercent;
    const deadlineHours = options.deadlineHours ?? this.defaults.deadlineHours;
    if (!(sharePercent >= 0 && sharePercent <= 100) || !(deadlineHours >= 1 && deadlineHours <= 24 * 14))
      throw new DomainError("supply_invalid");
    const now = this.clock.now();
    const frozen = await this.store.frozenListOf(
      regionId,
      berlinDate(now),
      this.defaults.priority.ageBands,
      this.defaults.minAge,
    );
    const frozenList = frozen.text;
    const seed = drawSeed();
    const run = {
      regionId,
      seed,
      seedHash: sha256Hex(seed),
      listHash: sha256Hex(frozenList),
      frozenList,
      entries: frozen.entries,
      sharePercent,
      deadlineHours,
      createdBy: by,
      createdAt: now,
    };
    const id = await this.store.insertRun(run);
    await this.store.audit(by, "waitlist.run.published", {
      runId: id,
      regionId,
      seedHash: run.seedHash,
      listHash: run.listHash,
      entries: run.entries,
      sharePercent,
    });
    return this.publicRun(id);
  }

  /** Runs a published run: assigns pairs in lottery order, then publishes the seed. */
  async execute(runId: number, by: string): Promise<RunResult> {
    const run = await this.store.run(runId);
    const frozen = await this.store.frozenList(runId);
    if (!run || frozen === null) throw new DomainError("run_unknown");
    if (run.status !== "published") throw new DomainError("run_finished");
    // Paused between publishing and running: the run waits (its list stays frozen and public).
    await this.refuseWhenPaused(run.regionId);
    const now = this.clock.now();
    const list = parseFrozenListCompact(frozen);
    const order = compactOrder(run.seed, list);
    const centres = this.geography.centresOfRegion(run.regionId).map((c) => c.id);
    const notBefore = this.ledger.offerFrom();
    const bookNotBefore = new Date(now.getTime() + this.defaults.letterLeadDays * 86_400_000);
    const places = await this.store.freePlaces(centres, notBefore);
    const freePairs = places.reduce((sum, p) => sum + p.free, 0);
    const planner = new InvitationPlanner(places, run.sharePercent, bookNotBefore, (c) =>
      this.reachable(c, run.regionId),
    );
    const budget = planner.remaining();
    const times = { deadline: new Date(now.getTime() + run.deadlineHours * 3_600_000), notBefore, bookNotBefore, now };

    let invited = 0;
    let booked = 0;
    let unplaced = 0;
    /** What a batch's answer means for the plan; returns the rows planned again. */
    const settle = (rows: Assignment[], outcomes: Map<number, AssignOutcome>): Assignment[] => {
      const retry: Assignment[] = [];
      for (const a of rows) {
        const outcome = outcomes.get(a.entry.entryId);
        if (outcome === "invited") invited++;
        else if (outcome === "booked") booked++;
        else if (outcome === "already_booked" || outcome === "not_waiting") planner.giveBack(a);
        else {
          // The pair went to a caller meanwhile: plan the entry again.
          planner.markGone(a.place);
          const again = planner.assign(a.entry);
          if (again) retry.push(again);
          else unplaced++;
        }
      }
      return retry;
    };
    // Batches go to the database up to PARALLEL_BATCHES at a time, each one statement on its own
    // connection. Each locks its slots and entries in id order, as every ledger function does,
    // so batches in flight together wait for each other where they meet and never deadlock.
    let pending: Assignment[] = [];
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    const send = () => {
      const rows = pending;
      pending = [];
      const sent: Promise<void> = this.store
        .assign(runId, rows.map(toRow), times)
        .then(
          (outcomes) => void pending.push(...settle(rows, outcomes)),
          (error: unknown) => void (failure ??= { error }),
        )
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    };
    const waitUntil = async (atMost: number) => {
      while (inFlight.size > atMost) await Promise.race(inFlight);
      if (failure) throw failure.error;
    };

    // The region's waiting entries in one pass (typed arrays, found by registration number
    // through an open-addressing table): reading them along the order, 10,000 numbers at a
    // time, cost 100,000 random probes of a million-row table for a run of 100,000.
    const entries = await this.store.regionEntries(run.regionId, list.numbers.length);
    const byNumber = new EntryIndex(entries.numbers);
    let i = 0;
    for (;;) {
      for (; i < order.length && planner.remaining() > 0; i++) {
        const number = list.numbers[order[i]!]!;
        const at = byNumber.find(number);
        if (at < 0) continue; // withdrawn, merged or booked since the list was frozen
        const preferred = entries.preferredCentreIds[at]!;
        const assignment = planner.assign({
          entryId: entries.ids[at]!,
          registrationNumber: String(number),
          position: i,
          centreId: preferred > 0 ? preferred : this.geography.district(entries.districtIds[at]!)!.centre.id,
          timeOfDay: TIMES_OF_DAY[entries.timeOfDay[at]!] ?? "any",
          letter: entries.letter[at] === 1,
        });
        if (!assignment) {
          unplaced++;
          continue;
        }
        pending.push(assignment);
        if (pending.length >= this.defaults.batchSize) {
          await waitUntil(PARALLEL_BATCHES - 1);
          send();
        }
      }
      // Everything answered; rows planned again, and pairs given back by people who left the
      // list meanwhile (the order goes on for those), are what is left to do.
      await waitUntil(0);
      if (pending.length === 0 && (i >= order.length || planner.remaining() <= 0)) break;
      if (pending.length > 0) send();
    }
    this.ledger.availability.invalidateCounts();
    await this.store.finishRun(runId, { freePairs, budget, invited, booked }, this.clock.now());
    await this.store.audit(by, "waitlist.run.finished", {
      runId,
      regionId: run.regionId,
      seed: run.seed,
      invited,
      booked,
    });
    await this.finished?.(runId);
    return { run: (await this.publicRun(runId))!, invited, booked, unplaced };
  }

  async publicRun(id: number): Promise<PublicRun> {
    const run = await this.store.run(id);
    if (!run) throw new DomainError("run_unknown");
    return reveal(run);
  }

  async runs(limit = 20): Promise<PublicRun[]> {
    return (await this.store.runs(limit)).map(reveal);
  }

  /** Recomputes a finished run from its published values and checks the order it invited in. */
  async verify(runId: number): Promise<Verification> {
    const run = await this.store.run(runId);
    const frozenList = await this.store.frozenList(runId);
    if (!run || frozenList === null) throw new DomainError("run_unknown");
    if (run.status !== "finished") throw new DomainError("run_unknown");
    return verifyRun(
      { seed: run.seed, seedHash: run.seedHash, listHash: run.listHash, frozenList },
      await this.store.runPositions(runId),
    );
  }

  /** Gives back the pairs of invitations whose deadline passed; the people wait for the next run. */
  async expire(): Promise<number> {
    const expired = await this.store.expire(this.clock.now());
    if (expired > 0) this.ledger.availability.invalidateCounts();
    return expired;
  }

  /** Accepts an open invitation: the held pair is booked through the ledger. */
  async accept(invitationId: number, agentId: string | null) {
    const invitation = await this.openInvitation(invitationId);
    const e = invitation.entry;
    const result = await this.ledger.book({
      holdId: invitation.holdId!,
      person: { name: e.name, nameRecordingUrl: null, birthDate: e.birthDate, phone: e.phone, postcode: e.postcode },
      channel: agentId ? "agent" : "phone",
      agentId,
      idempotencyKey: `invitation:${invitation.id}:accept`,
    });
    await this.store.closeInvitation(invitation.id, "accepted", result.bookingId, this.clock.now());
    await this.store.setStatus(e.id, "booked", ["invited"], this.clock.now());
    return { invitationId: invitation.id, code: result.code };
  }

  /**
   * "Anderer Termin": books another pair the caller holds (`holdId`, one of the next two the
   * phone offered) instead of the invitation's, whose pair goes back at once.
   */
  async acceptOther(invitationId: number, holdId: string) {
    const invitation = await this.openInvitation(invitationId);
    const e = invitation.entry;
    const result = await this.ledger.book({
      holdId,
      person: { name: e.name, nameRecordingUrl: null, birthDate: e.birthDate, phone: e.phone, postcode: e.postcode },
      channel: "phone",
      agentId: null,
      idempotencyKey: `invitation:${invitation.id}:other`,
    });
    await this.store.closeInvitation(invitation.id, "accepted", result.bookingId, this.clock.now());
    if (invitation.holdId) await this.ledger.releaseHold(invitation.holdId);
    await this.store.setStatus(e.id, "booked", ["invited"], this.clock.now());
    return { invitationId: invitation.id, code: result.code };
  }

  /** Declines: the pair goes back at once; `final` (no appointment needed any more) leaves the list. */
  async decline(invitationId: number, final: boolean) {
    const invitation = await this.openInvitation(invitationId);
    const now = this.clock.now();
    if (!(await this.store.closeInvitation(invitation.id, "declined", null, now)))
      throw new DomainError("invitation_unknown");
    if (invitation.holdId) await this.ledger.releaseHold(invitation.holdId);
    await this.store.setStatus(invitation.entry.id, final ? "declined" : "waiting", ["invited"], now);
    return { invitationId: invitation.id, entryStatus: final ? "declined" : "waiting" };
  }

  invitationsOf(entryId: number): Promise<InvitationRecord[]> {
    return this.store.invitationsOf(entryId);
  }

  private async openInvitation(id: number): Promise<InvitationRecord> {
    const invitation = await this.store.openInvitation(id);
    if (
      !invitation ||
      invitation.status !== "invited" ||
      !invitation.deadline ||
      invitation.deadline <= this.clock.now()
    )
      throw new DomainError("invitation_unknown");
    return invitation;
  }

  /** A supervisor's pause (campaign.ts) holds every run of the region, however it was started. */
  private async refuseWhenPaused(regionId: string): Promise<void> {
    if (await this.store.campaignPaused(regionId)) throw new DomainError("campaign_paused");
  }

  private reachable(centreId: number, regionId: string): number[] {
    const others = this.geography
      .centresByDistance(centreId)
      .filter((c) => c.km <= this.defaults.maxKm && this.geography.districtOfCentre(c.centre.id)?.regionId === regionId)
      .map((c) => c.centre.id);
    return [centreId, ...others];
  }
}

function toRow(a: Assignment): AssignRow {
  const code = a.book ? generateBookingCode() : null;
  return {
    entryId: a.entry.entryId,
    position: a.entry.position,
    firstSlotId: a.place.firstSlotId,
    holdId: randomUUID(),
    book: a.book,
    code: code?.code ?? "",
    keypadCode: code?.keypad ?? "",
  };
}

function reveal(run: RunRecord): PublicRun {
  return { ...run, seed: run.status === "finished" ? run.seed : null };
}

/**
 * Registration number → index into a region's entries: open addressing over the entries' own
 * numbers, one Int32Array of slots (8 MB for a million), no million-key Map.
 */
class EntryIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly numbers: Float64Array) {
    let size = 1;
    while (size < numbers.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < numbers.length; i++) {
      let h = this.hash(numbers[i]!);
      while (this.slots[h] !== -1) h = (h + 1) & this.mask;
      this.slots[h] = i;
    }
  }

  find(n: number): number {
    for (let h = this.hash(n); this.slots[h] !== -1; h = (h + 1) & this.mask)
      if (this.numbers[this.slots[h]!] === n) return this.slots[h]!;
    return -1;
  }

  // Registration numbers are random digits: their remainder spreads evenly over the table.
  private hash(n: number): number {
    return (Math.imul((n % 2147483647) | 0, 0x9e3779b1) >>> 0) & this.mask;
  }
}
