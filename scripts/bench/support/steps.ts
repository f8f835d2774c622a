// One booking attempt per call, in the three ways the benchmark books: through the ledger
// from a candidate pool, through the ledger after asking it for free pairs, and in raw SQL.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { DomainError } from "../../../ivr/src/domain/errors.ts";
import { generateBookingCode } from "../../../ivr/src/domain/ledger/booking-code.ts";
import type { Ledger } from "../../../ivr/src/domain/ledger/ledger.ts";
import { personKey } from "../../../ivr/src/domain/ledger/person.ts";
import type { CandidatePool } from "./candidates.ts";
import type { PersonFactory } from "./people.ts";
import type { StepOutcome } from "./run-phase.ts";

export type Step = () => Promise<StepOutcome>;

const describe = (error: unknown): string =>
  error instanceof DomainError ? `DomainError ${error.code}` : String((error as Error)?.message ?? error).slice(0, 300);

const isSlotTaken = (error: unknown) => error instanceof DomainError && error.code === "slot_taken";

/** Ledger.book on a first-dose slot drawn from the pool (latency: the ledger.book call only). */
export function ledgerPoolStep(ledger: Ledger, pool: CandidatePool, people: PersonFactory, tag: string): Step {
  return async () => {
    const candidate = pool.pick();
    if (!candidate) return { kind: "exhausted" };
    const person = people.next(candidate.centreId, tag);
    const idempotencyKey = `bench-${randomUUID()}`;
    const t0 = performance.now();
    try {
      await ledger.book({ firstSlotId: candidate.slotId, person, channel: "web", idempotencyKey });
      const bookMs = performance.now() - t0;
      pool.booked(candidate);
      return { kind: "booked", bookMs };
    } catch (error) {
      if (!isSlotTaken(error)) return { kind: "error", message: describe(error) };
      pool.taken(candidate);
      return { kind: "conflict" };
    }
  };
}

/** A random centre, ledger.freePairs(limit 20), one of those at random, ledger.book. */
export function ledgerFindStep(ledger: Ledger, people: PersonFactory, tag: string): Step {
  const centres = ledger.geography.allCentres();
  return async () => {
    const centre = centres[Math.floor(Math.random() * centres.length)]!;
    const t0 = performance.now();
    try {
      const pairs = await ledger.freePairs(centre.id, { limit: 20 });
      const pair = pairs[Math.floor(Math.random() * pairs.length)];
      if (!pair) return { kind: "conflict" };
      const person = people.next(centre.id, tag);
      const t1 = performance.now();
      await ledger.book({
        firstSlotId: pair.firstSlotId,
        person,
        channel: "web",
        idempotencyKey: `bench-${randomUUID()}`,
      });
      const t2 = performance.now();
      return { kind: "booked", bookMs: t2 - t1, findBookMs: t2 - t0 };
    } catch (error) {
      return isSlotTaken(error) ? { kind: "conflict" } : { kind: "error", message: describe(error) };
    }
  };
}

export const RAW_BOOK_SQL = `SELECT * FROM ledger_book_pair($1::int, NULL, now(), $2, $3, NULL, $4::date, $5, $6::char(5),
  'web', NULL, $7, $8::char(12), $9::char(12))`;

const CODE_ATTEMPTS = 5;

/** The same booking in raw SQL through pg: ledger_book_pair with a code from generateBookingCode. */
export function rawPoolStep(db: pg.Pool, pool: CandidatePool, people: PersonFactory, tag: string): Step {
  return async () => {
    const candidate = pool.pick();
    if (!candidate) return { kind: "exhausted" };
    const person = people.next(candidate.centreId, tag);
    const idempotencyKey = `bench-${randomUUID()}`;
    const t0 = performance.now();
    for (let attempt = 0; ; attempt++) {
      const code = generateBookingCode();
      try {
        await db.query(RAW_BOOK_SQL, [
          candidate.slotId,
          personKey(person),
          person.name,
          person.birthDate,
          person.phone,
          person.postcode,
          idempotencyKey,
          code.code,
          code.keypad,
        ]);
        const bookMs = performance.now() - t0;
        pool.booked(candidate);
        return { kind: "booked", bookMs };
      } catch (error) {
        const e = error as { code?: string; message?: string; constraint?: string };
        if (e.code === "P0001" && e.message === "slot_taken") {
          pool.taken(candidate);
          return { kind: "conflict" };
        }
        const collision =
          e.code === "23505" && (e.constraint === "booking_code_key" || e.constraint === "booking_keypad_code_key");
        if (!collision || attempt >= CODE_ATTEMPTS)
          return { kind: "error", message: `${e.code ?? ""} ${e.message ?? String(error)}` };
      }
    }
  };
}
