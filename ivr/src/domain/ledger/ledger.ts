// The ledger's use cases: hold, book, cancel, rebook, look up, release supply. The phone
// menu, the agent console and the public API all come through here, so they all see the
// same truth. Time is passed in through the clock; storage through the store.
import { randomUUID } from "node:crypto";
import { DomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import { addDays, berlinDate } from "../time/berlin.ts";
import { Availability } from "./availability.ts";
import { samePhoneNumber } from "../telephony/phone-number.ts";
import { AGENT_LIVE_HOLDS } from "./hold-scope.ts";
import { generateBookingCode, parseBookingCode, type BookingCode } from "./booking-code.ts";
import {
  CodeCollision,
  type BookingRecord,
  type Channel,
  type HeldPair,
  type LedgerStore,
  type PersonInput,
} from "./ledger-store.ts";
import { ageOn, nameWords, personKey, validatePerson } from "./person.ts";
import { planSupply, type SupplyPlan } from "./supply-plan.ts";

export interface Clock {
  now(): Date;
}

export interface LedgerSettings {
  holdMinutes: number;
  minAge: number;
  /** Nobody is offered a first dose that starts sooner than this. */
  leadMinutes: number;
}

export interface BookRequest {
  /** Either a held pair (phone menu, agent) or a first-dose slot taken straight away. */
  holdId?: string;
  firstSlotId?: number;
  person: PersonInput;
  channel: Channel;
  agentId?: string | null;
  idempotencyKey?: string | null;
}

/** Moves a booking to another pair; the person and the code stay. */
export interface RebookRequest {
  holdId?: string;
  firstSlotId?: number;
  channel: Channel;
  agentId?: string | null;
  idempotencyKey?: string | null;
}

export interface BookResult {
  bookingId: number;
  code: string;
  replayed: boolean;
}

const CODE_ATTEMPTS = 5;

export class Ledger {
  readonly availability: Availability;

  constructor(
    private readonly store: LedgerStore,
    readonly geography: Geography,
    private readonly clock: Clock,
    readonly settings: LedgerSettings,
    /** Draws booking codes; tests pass one that collides on purpose. */
    private readonly newCode: () => BookingCode = generateBookingCode,
  ) {
    this.availability = new Availability(store, geography);
  }

  /** The earliest moment a first dose may be offered. */
  offerFrom(after?: Date): Date {
    const lead = new Date(this.clock.now().getTime() + this.settings.leadMinutes * 60_000);
    return after && after > lead ? after : lead;
  }

  async freePairs(centreId: number, options: { after?: Date; limit?: number } = {}) {
    if (!this.geography.districtOfCentre(centreId)) throw new DomainError("centre_unknown");
    return this.store.freePairs(centreId, this.offerFrom(options.after), options.limit ?? 5);
  }

  async hold(firstSlotId: number, owner: string, replaceHoldId?: string | null): Promise<HeldPair> {
    if (replaceHoldId) await this.store.releaseHolds({ holdId: replaceHoldId });
    const held = await this.store.holdPair(firstSlotId, randomUUID(), owner, this.holdExpiry(), this.offerFrom());
    this.availability.invalidateCounts();
    return held;
  }

  /**
   * An agent's hold: replaces the hold of the same conversation and household member (see
   * hold-scope.ts), refused with hold_limit when the agent holds too many pairs already.
   */
  async holdFor(firstSlotId: number, owner: string, scope: string): Promise<HeldPair> {
    const held = await this.store.holdPairInScope(
      firstSlotId,
      { holdId: randomUUID(), owner, scope, ownerLimit: AGENT_LIVE_HOLDS },
      this.holdExpiry(),
      this.offerFrom(),
      this.clock.now(),
    );
    this.availability.invalidateCounts();
    return held;
  }

  /** Holds the earliest free pair of a centre at or after `after` (the next, if one is being snapped up right now). */
  async holdEarliest(centreId: number, owner: string, options: { after?: Date; replaceHoldId?: string | null } = {}) {
    if (!this.geography.districtOfCentre(centreId)) throw new DomainError("centre_unknown");
    const held = await this.store.holdEarliest(
      centreId,
      randomUUID(),
      owner,
      this.holdExpiry(),
      this.offerFrom(options.after),
      options.replaceHoldId ?? null,
    );
    this.availability.invalidateCounts();
    return held;
  }

  /** When a hold taken now runs out. */
  private holdExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.settings.holdMinutes * 60_000);
  }

  refreshStatistics(): Promise<void> {
    return this.store.refreshStatistics();
  }

  /** Moves a live hold to a new owner (a callback request) and keeps it until `until`. */
  keepHoldFor(holdId: string, owner: string, until: Date): Promise<boolean> {
    return this.store.extendHold(holdId, owner, until, this.clock.now());
  }

  releaseHold(holdId: string): Promise<number> {
    return this.store.releaseHolds({ holdId });
  }

  /**
   * Releases a hold on behalf of someone who may touch only the holds of `owners` (an agent:
   * their own, their current call's, their current callback's); null for anyone's (supervisors).
   * A hold already gone is no error; someone else's is.
   */
  async releaseHoldOf(holdId: string, owners: string[] | null): Promise<void> {
    requireHoldId(holdId);
    if (owners === null) {
      await this.store.releaseHolds({ holdId });
    } else if ((await this.store.releaseHoldOf(holdId, owners)) === 0) {
      if ((await this.store.holdOwner(holdId)) !== null) throw new DomainError("hold_not_yours");
    }
    this.availability.invalidateCounts();
  }

  /** Throws hold_not_yours when the hold exists and none of `owners` holds it (null: anyone may). */
  async requireHoldAccess(holdId: string, owners: string[] | null): Promise<void> {
    requireHoldId(holdId);
    if (owners === null) return;
    const owner = await this.store.holdOwner(holdId);
    if (owner !== null && !owners.includes(owner)) throw new DomainError("hold_not_yours");
  }

  sweepExpiredHolds(): Promise<number> {
    return this.store.releaseHolds({ expiredBefore: this.clock.now() });
  }

  async book(request: BookRequest): Promise<BookResult> {
    return this.withFreshCode(request, (code) => this.store.bookPair(this.command(request, code)));
  }

  /**
   * Moves an active booking to another pair (from a hold or a free first-dose slot). The
   * booking keeps its code and its person: a caller's written-down code stays valid, and the
   * audit trail records a "rebooked" event with the pair it left.
   */
  async rebook(existingCode: string, request: RebookRequest): Promise<BookResult> {
    const existing = await this.lookup(existingCode);
    if (existing.status !== "active") throw new DomainError("booking_not_active");
    if (!request.holdId && request.firstSlotId === undefined) throw new DomainError("slot_taken");
    const result = await this.store.rebook(existing.id, {
      firstSlotId: request.holdId ? null : (request.firstSlotId ?? null),
      holdId: request.holdId ?? null,
      channel: request.channel,
      agentId: request.agentId ?? null,
      idempotencyKey: request.idempotencyKey ?? null,
      now: this.clock.now(),
    });
    this.availability.invalidateCounts();
    return result;
  }

  async cancel(codeInput: string, channel: Channel, agentId: string | null = null): Promise<BookingRecord> {
    const booking = await this.lookup(codeInput);
    if (booking.status !== "active") throw new DomainError("booking_not_active");
    await this.store.cancelBooking(booking.id, channel, agentId, this.clock.now());
    this.availability.invalidateCounts();
    return { ...booking, status: "cancelled" };
  }

  /** Finds a booking by its code in any written form or its keypad form. */
  async lookup(codeInput: string): Promise<BookingRecord> {
    const parsed = parseBookingCode(codeInput);
    if (!parsed.ok) throw new DomainError("code_invalid");
    const found = await this.store.findBooking(
      parsed.kind === "code" ? { code: parsed.code } : { keypadCode: parsed.keypad },
    );
    if (!found) throw new DomainError("code_unknown");
    return found;
  }

  /**
   * For a caller who lost the code: the active bookings of the person with this birth date and
   * postcode whose phone number on file is `phone` (the caller ID or one they typed), in any
   * spelling ("05241 1234567" = "+4952411234567"). Usually one; none when any of the three differs.
   */
  async findByPerson(query: { birthDate: string; postcode: string; phone: string }): Promise<BookingRecord[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate) || !/^\d{5}$/.test(query.postcode)) return [];
    const candidates = await this.store.findActiveBookings({ birthDate: query.birthDate, postcode: query.postcode });
    return candidates.filter((booking) => samePhoneNumber(booking.person.phone, query.phone));
  }

  /**
   * Bookings for a person who lost the code (or whose booking was confirmed as the server
   * died): birth date and postcode exactly, the name as typed by an agent or settled by the
   * phone menu, case, umlaut spelling and word order aside ("mueller erika" finds "Erika
   * Müller"; a word may be cut short, "Muel"). Active bookings first.
   */
  async findBookingsByPerson(search: { name: string; birthDate: string; postcode: string }): Promise<BookingRecord[]> {
    if (!/^\d{5}$/.test(search.postcode)) throw new DomainError("postcode_invalid");
    if (ageOn(search.birthDate, this.clock.now()) === null)
      throw new DomainError("person_invalid", { field: "birthDate" });
    const words = nameWords(search.name);
    if (words.length === 0) throw new DomainError("person_invalid", { field: "name" });
    const candidates = await this.store.bookingsOfPersonsBorn(search.birthDate, search.postcode, SEARCH_CANDIDATES);
    return candidates
      .filter((b) => {
        const have = nameWords(b.person.name ?? "");
        return words.every((w) => have.some((h) => h.startsWith(w)));
      })
      .sort((a, b) => (a.status === b.status ? 0 : a.status === "active" ? -1 : 1))
      .slice(0, SEARCH_RESULTS);
  }

  findBookingById(id: number): Promise<BookingRecord | null> {
    return this.store.findBooking({ id });
  }

  async previewRelease(regionId: string, weekStart: string, doses: number): Promise<SupplyPlan> {
    if (!this.geography.region(regionId)) throw new DomainError("region_unknown");
    if (!Number.isInteger(doses) || doses < 0 || doses > 10_000_000) throw new DomainError("supply_invalid", { doses });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart) || weekStart < berlinDate(this.clock.now())) {
      throw new DomainError("supply_invalid", { weekStart });
    }
    return planSupply(this.geography.centresOfRegion(regionId), weekStart, doses);
  }

  async releaseSupply(
    input: { regionId: string; vaccineId: string; weekStart: string; doses: number; releasedBy: string },
    options: { deferStatistics?: boolean } = {},
  ) {
    const intervalDays = await this.store.vaccineInterval(input.vaccineId);
    if (intervalDays === null) throw new DomainError("vaccine_unknown");
    const plan = await this.previewRelease(input.regionId, input.weekStart, input.doses);
    const record = await this.store.insertRelease({ ...input, intervalDays, plan });
    if (!options.deferStatistics) await this.store.refreshStatistics();
    this.availability.invalidateCounts();
    return { ...record, plan, secondDoseWeekStart: addDays(input.weekStart, intervalDays) };
  }

  private command(request: BookRequest, code: { code: string; keypad: string }) {
    if (!request.holdId && request.firstSlotId === undefined) throw new DomainError("slot_taken");
    return {
      firstSlotId: request.holdId ? null : (request.firstSlotId ?? null),
      holdId: request.holdId ?? null,
      person: { ...request.person, name: request.person.name?.trim() || null },
      nameKey: personKey(request.person),
      channel: request.channel,
      agentId: request.agentId ?? null,
      idempotencyKey: request.idempotencyKey ?? null,
      code: code.code,
      keypadCode: code.keypad,
      now: this.clock.now(),
    };
  }

  private async withFreshCode(
    request: BookRequest,
    attempt: (code: { code: string; keypad: string }) => Promise<BookResult>,
  ) {
    validatePerson(request.person, this.clock.now(), this.settings.minAge);
    for (let i = 0; ; i++) {
      try {
        const result = await attempt(this.newCode());
        this.availability.invalidateCounts();
        return result;
      } catch (error) {
        // A new code may collide with an issued one in its written form (31^11 bodies) or, far
        // likelier, in its keypad form (about 7 * 10^9 Luhn-valid forms of digits 2-9: with
        // 600,000 bookings, one new code in 11,000 collides). Both columns are unique, so the
        // insert fails and a fresh random code settles it.
        if (!(error instanceof CodeCollision) || i >= CODE_ATTEMPTS) throw error;
      }
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hold ids are UUIDs: anything else is refused before it reaches the database. */
function requireHoldId(holdId: string): void {
  if (!UUID.test(holdId)) throw new DomainError("hold_invalid");
}

/** Persons born on one day in one postcode area: a few at most; the bound keeps a search cheap whatever. */
const SEARCH_CANDIDATES = 200;
const SEARCH_RESULTS = 20;
