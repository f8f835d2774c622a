// The bookers of bench:ledger: `concurrency` async bookers in this one process for a fixed
// time, each booking (or failing to book) one pair per step, in the three ways the bench
// books: through the ledger from a candidate pool, through the ledger after asking it for free
// pairs, and as raw SQL. Candidates: free first-dose slots drawn as a caller would, a random
// centre first, then a random slot of it.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { DomainError } from "../../../ivr/src/domain/errors.ts";
import type { Geography } from "../../../ivr/src/domain/geo/geography.ts";
import { generateBookingCode } from "../../../ivr/src/domain/ledger/booking-code.ts";
import type { Ledger } from "../../../ivr/src/domain/ledger/ledger.ts";
import type { PersonInput } from "../../../ivr/src/domain/ledger/ledger-store.ts";
import { personKey } from "../../../ivr/src/domain/ledger/person.ts";
import { machineBusyMs } from "../harness/proc-stats.ts";

export type StepOutcome =
  | { kind: "booked"; bookMs: number; findBookMs?: number }
  | { kind: "conflict" }
  | { kind: "error"; message: string }
  | { kind: "exhausted" };
export type Step = () => Promise<StepOutcome>;

export interface PhaseRun {
  concurrency: number;
  elapsedSeconds: number;
  pairs: number;
  conflicts: number;
  errors: number;
  errorSamples: string[];
  exhausted: boolean;
  bookMs: number[];
  findBookMs: number[];
  /** CPU of this Node process and busy CPU of the whole machine during the phase, ms. */
  nodeCpuMs: number;
  machineCpuMs: number;
}

export async function runTimed(concurrency: number, seconds: number, step: Step): Promise<PhaseRun> {
  const run: PhaseRun = {
    concurrency,
    elapsedSeconds: 0,
    pairs: 0,
    conflicts: 0,
    errors: 0,
    errorSamples: [],
    exhausted: false,
    bookMs: [],
    findBookMs: [],
    nodeCpuMs: 0,
    machineCpuMs: 0,
  };
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const booker = async () => {
    while (performance.now() < started + seconds * 1000 && !run.exhausted) {
      const outcome = await step();
      if (outcome.kind === "booked") {
        run.pairs++;
        run.bookMs.push(outcome.bookMs);
        if (outcome.findBookMs !== undefined) run.findBookMs.push(outcome.findBookMs);
      } else if (outcome.kind === "conflict") run.conflicts++;
      else if (outcome.kind === "exhausted") run.exhausted = true;
      else {
        run.errors++;
        if (run.errorSamples.length < 5) run.errorSamples.push(outcome.message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, booker));
  run.elapsedSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  run.nodeCpuMs = (cpu.user + cpu.system) / 1000;
  run.machineCpuMs = machineBusyMs() - machineBefore;
  return run;
}

interface Candidate {
  slotId: number;
  centreId: number;
  /** Places left on the pair when selected; decremented locally after each booking. */
  remaining: number;
}

/** Candidates by centre; a full slot leaves the pool. */
export class CandidatePool {
  private readonly byCentre = new Map<number, Candidate[]>();
  size = 0;

  constructor(
    candidates: Candidate[],
    private readonly centreIds: readonly number[],
  ) {
    for (const c of candidates) {
      const list = this.byCentre.get(c.centreId) ?? [];
      this.byCentre.set(c.centreId, list);
      list.push(c);
      this.size++;
    }
  }

  /** A random centre (of all centres), then a random candidate of it; undefined when exhausted. */
  pick(): Candidate | undefined {
    let list = this.byCentre.get(pick(this.centreIds));
    if (!list?.length) {
      // That centre has no (more) supply: any centre that still has some.
      const nonEmpty = [...this.byCentre.values()].filter((l) => l.length > 0);
      if (nonEmpty.length === 0) return undefined;
      list = pick(nonEmpty);
    }
    return pick(list);
  }

  booked(c: Candidate): void {
    if (--c.remaining <= 0) this.remove(c);
  }

  /** The slot turned out to be full (a concurrent booker took the last place). */
  remove(c: Candidate): void {
    const list = this.byCentre.get(c.centreId) ?? [];
    const i = list.indexOf(c);
    if (i < 0) return;
    list[i] = list[list.length - 1]!;
    list.pop();
    this.size--;
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

/**
 * Free first-dose slots (with a free partner) starting more than two hours from now, shuffled
 * and split into `parts` disjoint pools, so the ledger and raw SQL phases draw alike.
 */
export async function loadCandidatePools(db: pg.ClientBase, parts: number, centreIds: readonly number[]) {
  const { rows } = await db.query<{ id: number; centre_id: number; free: number }>(`
    SELECT f.id, f.centre_id, LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held) AS free
      FROM slot f JOIN slot s ON s.id = f.partner_id
     WHERE f.dose = 1 AND f.starts_at > now() + interval '2 hours'
       AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity
     ORDER BY random()`);
  const shares: Candidate[][] = Array.from({ length: parts }, () => []);
  rows.forEach((r, i) => shares[i % parts]!.push({ slotId: r.id, centreId: r.centre_id, remaining: r.free }));
  return shares.map((share) => new CandidatePool(share, centreIds));
}

const FIRST_NAMES = ["Erika", "Hans", "Gertrud", "Karl", "Ingrid", "Walter", "Ursula", "Heinz", "Hildegard", "Werner"];
const BORN_FROM = Date.UTC(1930, 0, 1);
const BORN_DAYS = Math.round((Date.UTC(1940, 11, 31) - BORN_FROM) / 86_400_000) + 1;

/**
 * Synthetic callers: a name unique in its letters (personKey keeps only a-z, so a counter in
 * digits would collapse into one person), born 1930-1940, with a real postcode of the district
 * whose centre they book.
 */
export class PersonFactory {
  private counter = 0;
  private readonly postcodesOfCentre = new Map<number, string[]>();

  constructor(geography: Geography) {
    const byDistrict = new Map<number, string[]>();
    for (let n = 0; n < 100_000; n++) {
      const code = String(n).padStart(5, "0");
      const found = geography.lookupPostcode(code);
      if (found.kind !== "inside") continue;
      for (const m of found.matches) {
        const list = byDistrict.get(m.district.id) ?? [];
        byDistrict.set(m.district.id, list);
        list.push(code);
      }
    }
    for (const centre of geography.allCentres())
      this.postcodesOfCentre.set(centre.id, byDistrict.get(centre.districtId) ?? [centre.postcode ?? "50667"]);
  }

  /** A new person living in the district of `centreId`; `tag` keeps phases apart (letters only). */
  next(centreId: number, tag: string): PersonInput {
    const serial = this.counter++;
    let letters = "";
    for (let n = serial; letters === "" || n > 0; n = Math.floor(n / 26))
      letters = String.fromCharCode(97 + (n % 26)) + letters;
    const born = new Date(BORN_FROM + Math.floor(Math.random() * BORN_DAYS) * 86_400_000);
    return {
      name: `${pick(FIRST_NAMES)} Bench${tag}${letters}`,
      nameRecordingUrl: null,
      birthDate: born.toISOString().slice(0, 10),
      phone: `+49151${String(10_000_000 + (serial % 90_000_000))}`,
      postcode: pick(this.postcodesOfCentre.get(centreId) ?? ["50667"]),
    };
  }
}

const describe = (error: unknown): string =>
  error instanceof DomainError ? `DomainError ${error.code}` : String((error as Error)?.message ?? error).slice(0, 300);
const isSlotTaken = (error: unknown) => error instanceof DomainError && error.code === "slot_taken";
const idempotencyKey = () => `bench-${randomUUID()}`;

/** Books `candidate`; "taken" when the last place went to a concurrent booker. */
type Book = (slotId: number, person: PersonInput, idempotencyKey: string) => Promise<"booked" | "taken">;

/** One booking of a first-dose slot drawn from the pool; the latency is the `book` call only. */
function poolStep(pool: CandidatePool, people: PersonFactory, tag: string, book: Book): Step {
  return async () => {
    const candidate = pool.pick();
    if (!candidate) return { kind: "exhausted" };
    const person = people.next(candidate.centreId, tag);
    const t0 = performance.now();
    try {
      const result = await book(candidate.slotId, person, idempotencyKey());
      const bookMs = performance.now() - t0;
      if (result === "taken") {
        pool.remove(candidate);
        return { kind: "conflict" };
      }
      pool.booked(candidate);
      return { kind: "booked", bookMs };
    } catch (error) {
      return { kind: "error", message: describe(error) };
    }
  };
}

/** ledger.book: validation, person key, booking code, one SQL function call, error mapping. */
export const ledgerPoolStep = (ledger: Ledger, pool: CandidatePool, people: PersonFactory, tag: string) =>
  poolStep(pool, people, tag, async (firstSlotId, person, key) => {
    try {
      await ledger.book({ firstSlotId, person, channel: "web", idempotencyKey: key });
      return "booked";
    } catch (error) {
      if (isSlotTaken(error)) return "taken";
      throw error;
    }
  });

/** The path a caller takes: a random centre, ledger.freePairs(limit 20), one of those at random, ledger.book. */
export function ledgerFindStep(ledger: Ledger, people: PersonFactory, tag: string): Step {
  const centres = ledger.geography.allCentres();
  return async () => {
    const centre = pick(centres);
    const t0 = performance.now();
    try {
      const pairs = await ledger.freePairs(centre.id, { limit: 20 });
      if (pairs.length === 0) return { kind: "conflict" };
      const pair = pick(pairs);
      const person = people.next(centre.id, tag);
      const t1 = performance.now();
      await ledger.book({ firstSlotId: pair.firstSlotId, person, channel: "web", idempotencyKey: idempotencyKey() });
      const t2 = performance.now();
      return { kind: "booked", bookMs: t2 - t1, findBookMs: t2 - t0 };
    } catch (error) {
      return isSlotTaken(error) ? { kind: "conflict" } : { kind: "error", message: describe(error) };
    }
  };
}

const RAW_BOOK_SQL = `SELECT * FROM ledger_book_pair($1::int, NULL, now(), $2, $3, NULL, $4::date, $5, $6::char(5),
  'web', NULL, $7, $8::char(12), $9::char(12))`;
const CODE_ATTEMPTS = 5;

/** The same booking in raw SQL through pg: ledger_book_pair with a code from generateBookingCode. */
export const rawPoolStep = (db: pg.Pool, pool: CandidatePool, people: PersonFactory, tag: string) =>
  poolStep(pool, people, tag, async (slotId, p, key) => {
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
        const collision = e.code === "23505" && /^booking_(keypad_)?code_key$/.test(e.constraint ?? "");
        if (!collision || attempt >= CODE_ATTEMPTS)
          throw new Error(`${e.code ?? ""} ${e.message ?? String(error)}`, { cause: error });
      }
    }
  });
