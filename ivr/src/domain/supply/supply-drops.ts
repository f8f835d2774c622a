// Supply drops: a supervisor records a reduced or cancelled delivery for a week and KV region.
// preview() checks the input, plans and stores the drop (nothing in the ledger changes);
// execute() runs it once, step by step, each step audited and each leaving the ledger's
// capacity check true: (a) open invitation holds go back, (b, d) the pairs the week cannot
// serve move, (f) in the same statement as each move, the person's notice; (e) only then is
// the capacity lowered. Executing the same drop again answers with the first result.
import { DomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import type { Clock } from "../ledger/ledger.ts";
import { addDays, berlinDate } from "../time/berlin.ts";
import { movesByDay, planDrop, shiftedTime, type DropPlan } from "./supply-drop-plan.ts";
import type { DropRecord, DropWeek, SupplyDropStore } from "./supply-drop-store.ts";

export interface DropRequest {
  regionId: string;
  vaccineId: string;
  weekStart: string;
  dosesLost: number;
  shiftDays: number;
}

export interface DropPreview {
  dropId: number;
  regionId: string;
  vaccineId: string;
  weekStart: string;
  dosesDelivered: number;
  dosesLost: number;
  pairsLost: number;
  shiftDays: number;
  invitationHolds: number;
  freePairs: number;
  protectedPairs: number;
  movesNeeded: number;
  moving: number;
  unmovable: number;
  shortfall: number;
  byDay: { from: string; to: string; pairs: number }[];
}

export interface DropResult {
  dropId: number;
  invitationHoldsReleased: number;
  moved: number;
  unmovable: number;
  pairsCut: number;
  shortfall: number;
  byDay: { from: string; to: string; pairs: number }[];
  replayed: boolean;
}

export type DropStep = "holds_released" | "moved" | "capacity_lowered";

export interface DropProgress {
  dropId: number;
  status: DropRecord["status"];
  /** Pairs the preview planned to move, and those moved so far. */
  moving: number;
  moved: number;
  result: DropResult | null;
}

/**
 * An execution that died is taken over after this long without progress (every step is safe
 * to repeat); a running one marks progress every MOVES_PER_BEAT moves.
 */
export const STALE_MS = 10 * 60_000;
const MOVES_PER_BEAT = 100;
const WEEK_DAYS = 7;

export class SupplyDrops {
  constructor(
    private readonly store: SupplyDropStore,
    private readonly geography: Geography,
    private readonly clock: Clock,
    /** Called after each step (tests check the ledger there; production passes nothing). */
    private readonly afterStep: (step: DropStep) => Promise<void> = async () => undefined,
  ) {}

  /** The shifts a supervisor may choose for this vaccine: whole weeks up to the dose interval. */
  async allowedShifts(vaccineId: string): Promise<number[]> {
    const interval = await this.store.vaccineInterval(vaccineId);
    if (interval === null) throw new DomainError("vaccine_unknown");
    return Array.from({ length: Math.floor(interval / WEEK_DAYS) }, (_, i) => (i + 1) * WEEK_DAYS);
  }

  async preview(request: DropRequest, by: string): Promise<DropPreview> {
    const week = await this.validate(request);
    const now = this.clock.now();
    const [delivered, slots] = await Promise.all([this.store.deliveredDoses(week), this.store.weekSlots(week, now)]);
    const pairsLost = Math.min(
      Math.ceil(request.dosesLost / 2),
      slots.reduce((n, s) => n + s.capacity, 0),
    );
    const plan = await this.plan(week, pairsLost, request.shiftDays, now);
    const dropId = await this.store.insertDrop({
      ...week,
      dosesLost: request.dosesLost,
      pairsLost,
      shiftDays: request.shiftDays,
      plan: summary(plan),
      createdBy: by,
      createdAt: now,
    });
    await this.store.audit(
      by,
      "supply_drop.planned",
      { dropId, ...week, dosesLost: request.dosesLost, pairsLost },
      now,
    );
    return {
      dropId,
      ...week,
      dosesDelivered: delivered,
      dosesLost: request.dosesLost,
      pairsLost,
      shiftDays: request.shiftDays,
      invitationHolds: plan.invitationHolds,
      freePairs: plan.freePairs,
      protectedPairs: plan.protectedPairs,
      movesNeeded: plan.movesNeeded,
      moving: plan.moves.length,
      unmovable: plan.unmovable.length,
      shortfall: plan.shortfall,
      byDay: movesByDay(plan.moves),
    };
  }

  async execute(dropId: number, by: string): Promise<DropResult> {
    const started = await this.begin(dropId, by);
    return "result" in started ? started.result : this.run(started.drop, by);
  }

  /**
   * Claims the drop for execution (a drop executed already answers with its result). What
   * follows, run(), takes about 14 ms a booked pair moved: 19,000 pairs (DRK Sachsen's, 2021)
   * are minutes, so the console's request starts it and then asks for its progress.
   */
  async begin(dropId: number, by: string): Promise<{ result: DropResult } | { drop: DropRecord }> {
    const drop = await this.store.drop(dropId);
    if (!drop) throw new DomainError("supply_drop_unknown");
    const now = this.clock.now();
    if (!(await this.store.claim(dropId, by, now, new Date(now.getTime() - STALE_MS)))) {
      const again = await this.store.drop(dropId);
      if (again?.status === "executed") return { result: { ...(again.result as DropResult), replayed: true } };
      throw new DomainError("supply_drop_busy");
    }
    await this.store.audit(by, "supply_drop.started", { dropId }, now);
    return { drop };
  }

  /** Where an execution stands: the pairs moved so far (their notices) of the plan's count. */
  async progress(dropId: number): Promise<DropProgress> {
    const drop = await this.store.drop(dropId);
    if (!drop) throw new DomainError("supply_drop_unknown");
    const plan = drop.plan as { moving?: number };
    return {
      dropId,
      status: drop.status,
      moving: plan.moving ?? 0,
      moved: await this.store.movedSoFar(dropId),
      result: drop.status === "executed" ? (drop.result as DropResult) : null,
    };
  }

  /** Drops whose execution stopped (a process died) more than STALE_MS ago: taken over. */
  async resumeStale(by: string): Promise<number> {
    const stale = await this.store.staleExecutions(new Date(this.clock.now().getTime() - STALE_MS));
    let resumed = 0;
    for (const dropId of stale) {
      // Another process may have taken it over since the list was read: that one runs it.
      const started = await this.begin(dropId, by).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === "supply_drop_busy") return null;
        throw error;
      });
      if (started && "drop" in started) {
        await this.run(started.drop, by);
        resumed++;
      }
    }
    return resumed;
  }

  /** The steps of a claimed drop (see begin). */
  async run(drop: DropRecord, by: string): Promise<DropResult> {
    const dropId = drop.id;
    const now = this.clock.now();

    // (a) Open invitations first: their pairs were never promised to anyone.
    const week: DropWeek = drop;
    const before = await this.store.weekSlots(week, now);
    const released = await this.store.releaseInvitationHolds(
      before.filter((s) => s.invitationHeld > 0).map((s) => s.firstSlotId),
      now,
    );
    await this.store.audit(by, "supply_drop.holds_released", { dropId, invitations: released }, now);
    await this.afterStep("holds_released");

    // (b, d, f) Plan again on what is there now, then move; each move writes its notice.
    const plan = await this.plan(week, drop.pairsLost - drop.pairsCut, drop.shiftDays, now);
    const letterDay = berlinDate(now);
    const moved: DropPlan["moves"] = [];
    const unmovable = [...plan.unmovable];
    for (const [i, m] of plan.moves.entries()) {
      if (i > 0 && i % MOVES_PER_BEAT === 0) await this.store.stillExecuting(dropId, this.clock.now());
      const to = await this.store.move({
        dropId,
        bookingId: m.bookingId,
        targets: m.targets,
        idempotencyKey: `supply-drop:${dropId}:${m.bookingId}`,
        by,
        now,
        letterDay,
      });
      if (to) moved.push({ ...m, toStartsAt: to.startsAt });
      else unmovable.push({ bookingId: m.bookingId, fromStartsAt: m.fromStartsAt });
    }
    await this.store.audit(
      by,
      "supply_drop.moved",
      { dropId, moved: moved.map((m) => m.bookingId), unmovable: unmovable.map((u) => u.bookingId) },
      now,
    );
    await this.afterStep("moved");

    // (e) Only now, with every moved pair out, the week's free capacity is cut.
    const slots = await this.store.weekSlots(week, now);
    const cut = await this.store.lowerCapacity(
      dropId,
      slots.map((s) => s.firstSlotId),
    );
    await this.store.audit(by, "supply_drop.capacity_lowered", { dropId, pairs: cut }, now);
    await this.afterStep("capacity_lowered");

    const after = await this.store.drop(dropId);
    const pairsCut = after?.pairsCut ?? drop.pairsCut + cut;
    const result: DropResult = {
      dropId,
      invitationHoldsReleased: released,
      moved: moved.length,
      unmovable: unmovable.length,
      pairsCut,
      shortfall: drop.pairsLost - pairsCut,
      byDay: movesByDay(moved),
      replayed: false,
    };
    await this.store.finish(dropId, result, this.clock.now());
    await this.store.audit(by, "supply_drop.executed", { ...result }, this.clock.now());
    return result;
  }

  async recent(limit = 10): Promise<DropRecord[]> {
    return this.store.recentDrops(limit);
  }

  private async plan(week: DropWeek, pairsToCut: number, shiftDays: number, now: Date): Promise<DropPlan> {
    const [weekSlots, bookings] = await Promise.all([
      this.store.weekSlots(week, now),
      this.store.weekBookings(week, now),
    ]);
    const centres = [...new Set(bookings.candidates.map((c) => c.centreId))];
    const times = bookings.candidates.map((c) => c.firstStartsAt.getTime());
    const targets =
      centres.length === 0
        ? []
        : await this.store.targetSlots(
            week,
            centres,
            shiftedTime(new Date(Math.min(...times)), shiftDays),
            new Date(shiftedTime(new Date(Math.max(...times)), shiftDays).getTime() + 86_400_000),
          );
    return planDrop({
      pairsToCut,
      shiftDays,
      weekSlots,
      candidates: bookings.candidates,
      protectedPairs: bookings.protectedPairs,
      targets,
    });
  }

  private async validate(r: DropRequest): Promise<DropWeek> {
    if (!this.geography.region(r.regionId)) throw new DomainError("region_unknown");
    const interval = await this.store.vaccineInterval(r.vaccineId);
    if (interval === null) throw new DomainError("vaccine_unknown");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.weekStart) || Number.isNaN(Date.parse(r.weekStart)))
      throw new DomainError("supply_invalid", { weekStart: r.weekStart });
    if (!Number.isInteger(r.dosesLost) || r.dosesLost < 1 || r.dosesLost > 10_000_000)
      throw new DomainError("supply_invalid", { dosesLost: r.dosesLost });
    const weekEnd = addDays(r.weekStart, WEEK_DAYS);
    // A week whose last day is over cannot lose a delivery any more; the running week can.
    if (weekEnd <= berlinDate(this.clock.now())) throw new DomainError("supply_drop_week_past");
    if (
      !Number.isInteger(r.shiftDays) ||
      r.shiftDays % WEEK_DAYS !== 0 ||
      r.shiftDays < WEEK_DAYS ||
      r.shiftDays > interval
    )
      throw new DomainError("supply_drop_shift_invalid", { shiftDays: r.shiftDays, intervalDays: interval });
    return { regionId: r.regionId, vaccineId: r.vaccineId, weekStart: r.weekStart, weekEnd };
  }
}

function summary(plan: DropPlan) {
  return {
    pairsToCut: plan.pairsToCut,
    freePairs: plan.freePairs,
    invitationHolds: plan.invitationHolds,
    protectedPairs: plan.protectedPairs,
    movesNeeded: plan.movesNeeded,
    moving: plan.moves.length,
    unmovable: plan.unmovable.length,
    shortfall: plan.shortfall,
    byDay: movesByDay(plan.moves),
  };
}
