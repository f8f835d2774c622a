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
import { InvitationPlanner, type Assignment, type PlanEntry } from "./invitation-plan.ts";
import { berlinDate } from "../time/berlin.ts";
import { compactOrder, drawSeed, parseFrozenListCompact, sha256Hex, verifyRun, type Verification } from "./lottery.ts";
import { DEFAULT_PRIORITY, type PrioritySettings } from "./priority.ts";
import type { AssignRow, InvitationRecord, RunEntry, RunRecord, WaitlistStore } from "./waitlist-store.ts";

const ENTRY_STRETCH = 10_000;

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
}

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  sharePercent: 70,
  deadlineHours: 72,
  letterLeadDays: 7,
  maxKm: 60,
  batchSize: 2_000,
  priority: DEFAULT_PRIORITY,
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
    const sharePercent = options.sharePercent ?? this.defaults.sharePercent;
    const deadlineHours = options.deadlineHours ?? this.defaults.deadlineHours;
    if (!(sharePercent >= 0 && sharePercent <= 100) || !(deadlineHours >= 1 && deadlineHours <= 24 * 14))
      throw new DomainError("supply_invalid");
    const now = this.clock.now();
    const frozen = await this.store.frozenListOf(regionId, berlinDate(now), this.defaults.priority.ageBands);
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
    let batch: Assignment[] = [];
    const flush = async () => {
      // Rows the database refused (the pair went to a caller meanwhile) are planned again.
      while (batch.length > 0) {
        const outcomes = await this.store.assign(runId, batch.map(toRow), times);
        const retry: Assignment[] = [];
        for (const a of batch) {
          const outcome = outcomes.get(a.entry.entryId);
          if (outcome === "invited") invited++;
          else if (outcome === "booked") booked++;
          else if (outcome === "already_booked") planner.giveBack(a);
          else {
            planner.markGone(a.place);
            const again = planner.assign(a.entry);
            if (again) retry.push(again);
            else unplaced++;
          }
        }
        batch = retry;
      }
    };
    // The entries are read stretch by stretch along the order: a run that reaches 100,000 of a
    // million never loads the other 900,000.
    let entries = new Map<string, RunEntry>();
    for (let i = 0; i < order.length; i++) {
      if (planner.remaining() <= 0) break;
      if (i % ENTRY_STRETCH === 0) {
        const numbers = Array.from(order.subarray(i, i + ENTRY_STRETCH), (m) => String(list.numbers[m]));
        entries = new Map((await this.store.runEntries(numbers)).map((e) => [e.registrationNumber, e]));
      }
      const registrationNumber = String(list.numbers[order[i]!]);
      const entry = entries.get(registrationNumber);
      if (!entry) continue; // withdrawn, merged or booked since the list was frozen
      const planEntry: PlanEntry = {
        entryId: entry.entryId,
        registrationNumber,
        position: i,
        centreId: entry.preferredCentreId ?? this.geography.district(entry.districtId)!.centre.id,
        timeOfDay: entry.timeOfDay,
        letter: entry.letter,
      };
      const assignment = planner.assign(planEntry);
      if (!assignment) {
        unplaced++;
        continue;
      }
      batch.push(assignment);
      if (batch.length >= this.defaults.batchSize) await flush();
    }
    await flush();
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
