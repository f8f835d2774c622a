// No dose wasted: the centre enters "N Impfdosen übrig, verwendbar bis HH:MM", and people from
// the waiting list who can come at short notice (the centre's district or one within reach,
// opted in) are called, by priority group and then a lottery drawn for this offer, in waves
// sized to the doses left and the measured acceptance rate (wave-size.ts). The first to accept
// get the doses, each with a second-dose appointment booked at once; a late accepter hears the
// truth and keeps their place. The offer closes when the doses are gone or the time is up;
// doses left then count as wasted in the centre's daily report.
import { DomainError, isDomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import type { BookResult, Clock, Ledger } from "../ledger/ledger.ts";
import type { OutboundCalls } from "../outbound/outbound-calls.ts";
import { drawSeed, lotteryRank } from "../waitlist/lottery.ts";
import { addDays, berlinDate, berlinLocalToUtc } from "../time/berlin.ts";
import type { StandbyCandidate, StandbyOffer, StandbyStore } from "./standby-store.ts";
import { acceptanceRate, waveSize } from "./wave-size.ts";

/** Districts whose seat lies within this many km of the centre's are within reach (besides its own). */
export const DEFAULT_REACH_KM = 15;
const MAX_DOSES = 200;
const CANDIDATE_POOL = 2_000;

export type AcceptResult = { won: true; booking: BookResult } | { won: false };

export class Standby {
  constructor(
    private readonly store: StandbyStore,
    private readonly ledger: Pick<Ledger, "book">,
    private readonly outbound: Pick<OutboundCalls, "enqueue" | "cancel">,
    private readonly geography: Geography,
    private readonly clock: Clock,
    private readonly options: { reachKm?: number } = {},
  ) {}

  /** The centre's entry: N doses left, usable until HH:MM today (Berlin). */
  async offerLeftovers(centreId: number, doses: number, until: string, by: string): Promise<StandbyOffer> {
    if (!this.geography.districtOfCentre(centreId)) throw new DomainError("centre_unknown");
    const now = this.clock.now();
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(until);
    if (!Number.isInteger(doses) || doses < 1 || doses > MAX_DOSES || !match) {
      throw new DomainError("standby_invalid", { doses, until });
    }
    const [y, m, d] = berlinDate(now).split("-").map(Number) as [number, number, number];
    const usableUntil = berlinLocalToUtc(y, m, d, Number(match[1]), Number(match[2]));
    if (usableUntil <= now) throw new DomainError("standby_invalid", { until });
    const offer = await this.store.create(
      { centreId, doses, usableUntil, firstSlotId: null, seed: drawSeed(), createdAt: now },
      by,
    );
    await this.wave(offer);
    return offer;
  }

  /** A pair freed by a cancellation, offered the same day to whoever on the list can take it. */
  async offerFreedPair(pair: { centreId: number; firstSlotId: number; firstStartsAt: Date }): Promise<StandbyOffer> {
    const now = this.clock.now();
    const offer = await this.store.create(
      {
        centreId: pair.centreId,
        doses: 1,
        // Offered until the end of today's calling, and never after the appointment itself.
        usableUntil: new Date(Math.min(pair.firstStartsAt.getTime(), endOfDay(now).getTime())),
        firstSlotId: pair.firstSlotId,
        seed: drawSeed(),
        createdAt: now,
      },
      "reminder",
    );
    await this.wave(offer);
    return offer;
  }

  /** The periodic step: every open offer closes if done, or calls its next wave. */
  async tick(): Promise<void> {
    for (const offer of await this.store.open()) await this.wave(offer);
  }

  find(id: number) {
    return this.store.find(id);
  }

  /** An agent records the person's opt-in (or opt-out) for short notice; false for an unknown entry. */
  setShortNotice(entryId: number, shortNotice: boolean): Promise<boolean> {
    return this.store.setShortNotice(entryId, shortNotice, this.clock.now());
  }

  /** The waiting entry called (for the identity check: its birth date). */
  entry(entryId: number) {
    return this.store.entry(entryId);
  }

  /** Whether the offer still has a dose for someone who answers now. */
  stillOpen(offer: StandbyOffer): boolean {
    return offer.status === "open" && offer.used < offer.doses && offer.usableUntil > this.clock.now();
  }

  /**
   * The person pressed 1. Takes a dose (one statement: two accepting the last dose, one wins),
   * then books the pair: a freed pair as it is, left-over doses as today's first dose at the
   * centre with the second at the vaccine's interval. A booking that fails gives the dose back.
   */
  async accept(offerId: number, entryId: number): Promise<AcceptResult> {
    const now = this.clock.now();
    const offer = await this.store.find(offerId);
    const entry = await this.store.entry(entryId);
    if (!offer || !entry) return { won: false };
    if (!(await this.store.takeDose(offerId, now))) {
      await this.store.setCall(offerId, entryId, "too-late", now);
      return { won: false };
    }
    let addedSlot: number | null = null;
    try {
      let firstSlotId = offer.firstSlotId;
      if (firstSlotId === null) {
        const place = await this.store.addPlaceToday(offer.centreId, now, endOfDay(now));
        if (!place) throw new DomainError("slot_taken");
        firstSlotId = addedSlot = place.firstSlotId;
      }
      const booking = await this.ledger.book({
        firstSlotId,
        person: { ...entry, nameRecordingUrl: null },
        channel: "phone",
        idempotencyKey: `standby:${offerId}:${entryId}`,
      });
      await this.store.setCall(offerId, entryId, "accepted", now, booking.bookingId);
      await this.store.entryBooked(entryId, now);
      await this.closeIfDone(await this.store.find(offerId));
      return { won: true, booking };
    } catch (error) {
      await this.store.returnDose(offerId);
      if (addedSlot !== null) await this.store.removePlace(addedSlot);
      if (!isDomainError(error)) throw error;
      // Booked elsewhere meanwhile, or the pair went: for this person the dose is gone.
      await this.store.setCall(offerId, entryId, "too-late", now);
      return { won: false };
    }
  }

  async declined(offerId: number, entryId: number): Promise<void> {
    await this.store.setCall(offerId, entryId, "declined", this.clock.now());
  }

  async unreached(offerId: number, entryId: number): Promise<void> {
    await this.store.setCall(offerId, entryId, "unreached", this.clock.now());
  }

  /** The centre's offers today with what came of them (the console's standby section). */
  async today(centreId: number) {
    const now = this.clock.now();
    const [y, m, d] = berlinDate(now).split("-").map(Number) as [number, number, number];
    return this.store.ofCentre(centreId, berlinLocalToUtc(y, m, d), endOfDay(now));
  }

  private async wave(offer: StandbyOffer): Promise<void> {
    if (await this.closeIfDone(offer)) return;
    const { answered, accepted } = await this.store.answeredAndAccepted();
    const size = waveSize(
      offer.doses - offer.used,
      await this.store.callsOut(offer.id),
      acceptanceRate(answered, accepted),
    );
    if (size === 0) return;
    const pool = await this.store.candidates(offer.id, this.reachableDistricts(offer.centreId), CANDIDATE_POOL);
    const picked = byPriorityAndLottery(pool, offer.seed).slice(0, size);
    // Two processes running the same wave pick the same people (same seed, same order): the
    // table's key lets each person be recorded, and called, once.
    const mine = new Set(
      await this.store.recordCalls(
        offer.id,
        picked.map((c) => c.entryId),
        this.clock.now(),
      ),
    );
    await this.outbound.enqueue(
      picked
        .filter((c) => mine.has(c.entryId))
        .map((c) => ({
          kind: "standby" as const,
          subjectId: standbySubject(offer.id, c.entryId),
          phone: c.phone,
          language: c.language,
          notBefore: this.clock.now(),
          notAfter: offer.usableUntil,
        })),
    );
  }

  /** Closes an offer whose doses are gone or whose time is up; calls not yet placed are withdrawn. */
  private async closeIfDone(offer: StandbyOffer | null): Promise<boolean> {
    if (!offer || offer.status === "closed") return true;
    const now = this.clock.now();
    if (offer.used < offer.doses && offer.usableUntil > now) return false;
    if (await this.store.close(offer.id, now)) {
      await this.withdrawCalls(offer.id);
      const wasted = offer.firstSlotId === null ? offer.doses - offer.used : 0;
      if (wasted > 0) await this.store.addWasted(offer.centreId, berlinDate(now), wasted, now);
    }
    return true;
  }

  private async withdrawCalls(offerId: number): Promise<void> {
    for (const entryId of await this.store.calledEntries(offerId)) {
      await this.outbound.cancel("standby", standbySubject(offerId, entryId));
    }
  }

  private reachableDistricts(centreId: number): number[] {
    const own = this.geography.districtOfCentre(centreId);
    const reach = this.options.reachKm ?? DEFAULT_REACH_KM;
    const near = this.geography
      .centresByDistance(centreId)
      .filter((c) => c.km <= reach)
      .map((c) => this.geography.districtOfCentre(c.centre.id)?.id)
      .filter((id): id is number => id !== undefined);
    return own ? [own.id, ...near] : near;
  }
}

export function standbySubject(offerId: number, entryId: number): string {
  return `${offerId}:${entryId}`;
}

export function parseStandbySubject(subject: string): { offerId: number; entryId: number } | null {
  const match = /^(\d+):(\d+)$/.exec(subject);
  return match ? { offerId: Number(match[1]), entryId: Number(match[2]) } : null;
}

/** The invitation run's order: priority group first, then the lottery rank under this offer's seed. */
export function byPriorityAndLottery(pool: StandbyCandidate[], seed: string): StandbyCandidate[] {
  return pool
    .map((c) => ({ c, rank: lotteryRank(seed, c.registrationNumber) }))
    .sort((a, b) => a.c.priorityGroup - b.c.priorityGroup || (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map((x) => x.c);
}

function endOfDay(now: Date): Date {
  const [y, m, d] = addDays(berlinDate(now), 1).split("-").map(Number) as [number, number, number];
  return berlinLocalToUtc(y, m, d);
}
