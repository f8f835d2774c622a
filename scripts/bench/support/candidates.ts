// Candidate first-dose slots, selected once per concurrency level with one SQL query and split
// into disjoint sets (one per phase), so the Prisma ledger phase and the raw SQL phase draw the
// same kind of choice: a random centre, then a random free first-dose slot of that centre.
import type pg from "pg";

export interface Candidate {
  slotId: number;
  centreId: number;
  /** Places left on the pair when selected; decremented locally after each booking. */
  remaining: number;
}

export class CandidatePool {
  private readonly byCentre = new Map<number, Candidate[]>();
  private size_ = 0;

  constructor(
    candidates: Candidate[],
    private readonly centreIds: readonly number[],
  ) {
    for (const c of candidates) {
      const list = this.byCentre.get(c.centreId) ?? [];
      list.push(c);
      this.byCentre.set(c.centreId, list);
      this.size_++;
    }
  }

  get size(): number {
    return this.size_;
  }

  /** A random centre (of all centres), then a random candidate of it; undefined when exhausted. */
  pick(): Candidate | undefined {
    const centreId = this.centreIds[Math.floor(Math.random() * this.centreIds.length)]!;
    let list = this.byCentre.get(centreId);
    if (!list || list.length === 0) {
      // That centre has no (more) supply: any centre that still has some.
      const nonEmpty = [...this.byCentre.values()].filter((l) => l.length > 0);
      if (nonEmpty.length === 0) return undefined;
      list = nonEmpty[Math.floor(Math.random() * nonEmpty.length)]!;
    }
    return list[Math.floor(Math.random() * list.length)];
  }

  booked(c: Candidate): void {
    if (--c.remaining <= 0) this.remove(c);
  }

  /** The slot turned out to be full (a concurrent booker took the last place). */
  taken(c: Candidate): void {
    this.remove(c);
  }

  private remove(c: Candidate): void {
    const list = this.byCentre.get(c.centreId);
    const i = list ? list.indexOf(c) : -1;
    if (!list || i < 0) return;
    list[i] = list[list.length - 1]!;
    list.pop();
    this.size_--;
  }
}

const shuffle = <T>(list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
};

/**
 * Free first-dose slots (with a free partner) starting more than two hours from now, split per
 * centre at random into `parts` disjoint pools.
 */
export async function loadCandidatePools(
  db: pg.ClientBase,
  parts: number,
  centreIds: readonly number[],
): Promise<CandidatePool[]> {
  const { rows } = await db.query<{ id: number; centre_id: number; free: number }>(`
    SELECT f.id, f.centre_id, LEAST(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held) AS free
      FROM slot f JOIN slot s ON s.id = f.partner_id
     WHERE f.dose = 1 AND f.starts_at > now() + interval '2 hours'
       AND f.booked + f.held < f.capacity AND s.booked + s.held < s.capacity`);
  const shares: Candidate[][] = Array.from({ length: parts }, () => []);
  shuffle(rows).forEach((r, i) => shares[i % parts]!.push({ slotId: r.id, centreId: r.centre_id, remaining: r.free }));
  return shares.map((share) => new CandidatePool(share, centreIds));
}
