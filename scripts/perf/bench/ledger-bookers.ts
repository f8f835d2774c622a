// The bookers of bench:ledger: async bookers in this one process, each booking one pair per step
// on a random free first-dose slot of its pool, through the ledger or as the same booking in raw SQL.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { DomainError } from "../../../ivr/src/domain/errors.ts";
import { generateBookingCode } from "../../../ivr/src/domain/ledger/booking-code.ts";
import type { Ledger } from "../../../ivr/src/domain/ledger/ledger.ts";
import type { PersonInput } from "../../../ivr/src/domain/ledger/ledger-store.ts";
import { personKey } from "../../../ivr/src/domain/ledger/person.ts";
import { mobileNumberOf } from "../load/persona-caller.ts";

/** Books the pair starting at `slotId`; "taken" when a concurrent booker got the last place. */
export type Book = (slotId: number, person: PersonInput) => Promise<"booked" | "taken">;

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export interface Candidate {
  slotId: number;
  /** The centre's, for the person booking there. */
  postcode: string;
  /** Places left on the pair when drawn; counted down locally, the slot leaves the pool at 0. */
  remaining: number;
}

/** Takes a full slot out of its pool (swapped with the last: picks are random anyway). */
function remove(pool: Candidate[], c: Candidate): void {
  const i = pool.indexOf(c);
  if (i < 0) return;
  pool[i] = pool[pool.length - 1]!;
  pool.pop();
}

/** Free pairs starting more than two hours from now, shuffled into two disjoint pools (ledger, raw SQL). */
export async function loadCandidatePools(db: pg.ClientBase): Promise<[Candidate[], Candidate[]]> {
  const { rows } = await db.query<Candidate>(`
    SELECT f.id AS "slotId", COALESCE(c.postcode, '50667') AS postcode,
           LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held) AS remaining
      FROM slot f JOIN slot s ON s.id = f.partner_id JOIN centre c ON c.id = f.centre_id
     WHERE f.dose = 1 AND f.starts_at > now() + interval '2 hours'
       AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity
     ORDER BY random()`);
  return [rows.filter((_, i) => i % 2 === 0), rows.filter((_, i) => i % 2 === 1)];
}

const FIRST_NAMES = ["Erika", "Hans", "Gertrud", "Karl", "Ingrid", "Walter", "Ursula", "Heinz", "Hildegard", "Werner"];

let serial = 0;

/**
 * A synthetic caller born 1930-1940. Names are unique in their letters: personKey keeps only
 * a-z, so a counter in digits would collapse into one person.
 */
function person(postcode: string): PersonInput {
  let letters = "";
  for (let n = serial++; letters === "" || n > 0; n = Math.floor(n / 26))
    letters = String.fromCharCode(97 + (n % 26)) + letters;
  const born = new Date(Date.UTC(1930, 0, 1) + Math.floor(Math.random() * 4000) * 86_400_000);
  return {
    name: `${pick(FIRST_NAMES)} Bench${letters}`,
    nameRecordingUrl: null,
    birthDate: born.toISOString().slice(0, 10),
    phone: mobileNumberOf(serial),
    postcode,
  };
}

const describe = (error: unknown): string =>
  error instanceof DomainError ? `DomainError ${error.code}` : String((error as Error)?.message ?? error).slice(0, 300);

/** `concurrency` bookers drawing from `pool` for `seconds`, or until it is exhausted. */
export async function runTimed(concurrency: number, seconds: number, pool: Candidate[], book: Book) {
  const run = { pairs: 0, conflicts: 0, errors: [] as string[], bookMs: [] as number[] }; // bookMs: the book call only
  const started = performance.now();
  const booker = async () => {
    while (performance.now() < started + seconds * 1000 && pool.length > 0) {
      const candidate = pick(pool);
      const caller = person(candidate.postcode);
      const t0 = performance.now();
      try {
        if ((await book(candidate.slotId, caller)) === "taken") {
          run.conflicts++;
          remove(pool, candidate);
          continue;
        }
        run.bookMs.push(performance.now() - t0);
        run.pairs++;
        if (--candidate.remaining <= 0) remove(pool, candidate);
      } catch (error) {
        run.errors.push(describe(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, booker));
  return { ...run, elapsedSeconds: (performance.now() - started) / 1000 };
}

/** ledger.book: validation, person key, booking code, one SQL function call, error mapping. */
export const ledgerBook =
  (ledger: Ledger): Book =>
  async (firstSlotId, person) => {
    try {
      await ledger.book({ firstSlotId, person, channel: "web", idempotencyKey: `bench-${randomUUID()}` });
      return "booked";
    } catch (error) {
      if (error instanceof DomainError && error.code === "slot_taken") return "taken";
      throw error;
    }
  };

const RAW_BOOK_SQL = `SELECT * FROM ledger_book_pair($1::int, NULL, now(), $2, $3, NULL, $4::date, $5, $6::char(5),
  'web', NULL, $7, $8::char(12), $9::char(12))`;

/** The same booking in raw SQL through pg: ledger_book_pair with a code from generateBookingCode. */
export const rawBook =
  (db: pg.Pool): Book =>
  async (slotId, p) => {
    const key = `bench-${randomUUID()}`;
    for (let attempt = 0; ; attempt++) {
      const code = generateBookingCode();
      const params = [slotId, personKey(p), p.name, p.birthDate, p.phone, p.postcode, key, code.code, code.keypad];
      try {
        await db.query(RAW_BOOK_SQL, params);
        return "booked";
      } catch (error) {
        const e = error as { code?: string; message?: string; constraint?: string };
        if (e.code === "P0001" && e.message === "slot_taken") return "taken";
        // A booking code already issued: draw another, as the ledger does.
        if (e.code !== "23505" || !/^booking_(keypad_)?code_key$/.test(e.constraint ?? "") || attempt >= 5) throw error;
      }
    }
  };
