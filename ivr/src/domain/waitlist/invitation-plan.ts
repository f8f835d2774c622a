// Which pair each invited entry gets, decided in memory from one read of the region's free
// pairs; the database then applies a batch in one statement and refuses whatever is no longer
// free (waitlist_assign). Each entry, in lottery order, gets the earliest pair that fits its
// preference at its preferred centre or, without one, its district's; failing that at the
// nearest other centre of the region within reach. Each centre gives at most its invitation
// quota (the supervisor's share of its free pairs); the rest stays for the phone.

export type TimeOfDay = "any" | "morning" | "afternoon";

export interface FreePlace {
  firstSlotId: number;
  centreId: number;
  startsAt: Date;
  /** Starts before noon, Berlin time. */
  morning: boolean;
  /** Pairs still free on this first slot and its partner. */
  free: number;
}

export interface PlanEntry {
  entryId: number;
  registrationNumber: string;
  position: number;
  /** The preferred centre or, for "nearest", the centre of the entry's district. */
  centreId: number;
  timeOfDay: TimeOfDay;
  /** Reached only by letter: booked at once, at least `letterLeadDays` ahead. */
  letter: boolean;
}

export interface Assignment {
  entry: PlanEntry;
  place: FreePlace;
  centreId: number;
  book: boolean;
}

export class InvitationPlanner {
  private readonly byCentre = new Map<number, FreePlace[]>();
  private readonly cursors = new Map<string, number>();
  private readonly quota = new Map<number, number>();
  private readonly candidates = new Map<number, number[]>();

  constructor(
    places: FreePlace[],
    sharePercent: number,
    private readonly letterNotBefore: Date,
    /** The centre itself first, then the others within reach, nearest first. */
    private readonly reachable: (centreId: number) => number[],
  ) {
    for (const p of places) {
      const list = this.byCentre.get(p.centreId) ?? [];
      list.push(p);
      this.byCentre.set(p.centreId, list);
    }
    for (const [centreId, list] of this.byCentre) {
      list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.firstSlotId - b.firstSlotId);
      const free = list.reduce((sum, p) => sum + p.free, 0);
      this.quota.set(centreId, Math.floor((free * sharePercent) / 100));
    }
  }

  /** Pairs the run may still give out. */
  remaining(): number {
    let sum = 0;
    for (const q of this.quota.values()) sum += q;
    return sum;
  }

  /** The pair for one entry, taken from the plan; null when nothing within reach fits. */
  assign(entry: PlanEntry): Assignment | null {
    let centres = this.candidates.get(entry.centreId);
    if (!centres) {
      centres = this.reachable(entry.centreId);
      this.candidates.set(entry.centreId, centres);
    }
    for (const centreId of centres) {
      if ((this.quota.get(centreId) ?? 0) <= 0) continue;
      const place = this.take(centreId, entry);
      if (place) {
        this.quota.set(centreId, this.quota.get(centreId)! - 1);
        return { entry, place, centreId, book: entry.letter };
      }
    }
    return null;
  }

  /** The database refused this place (taken meanwhile): plan as if it were full. */
  markGone(place: FreePlace): void {
    place.free = 0;
  }

  /** Gives a place back that was planned but not used (the entry was booked meanwhile). */
  giveBack(assignment: Assignment): void {
    assignment.place.free++;
    this.quota.set(assignment.centreId, (this.quota.get(assignment.centreId) ?? 0) + 1);
    for (const key of this.cursors.keys()) if (key.startsWith(`${assignment.centreId}|`)) this.cursors.set(key, 0);
  }

  private take(centreId: number, entry: PlanEntry): FreePlace | null {
    const list = this.byCentre.get(centreId);
    if (!list) return null;
    // One cursor per centre and kind of request: places only ever fill up during a run, so a
    // cursor never has to move back, and a million entries cost one pass over each centre.
    const key = `${centreId}|${entry.timeOfDay}|${entry.letter}`;
    let i = this.cursors.get(key) ?? 0;
    while (i < list.length && !this.fits(list[i]!, entry)) i++;
    this.cursors.set(key, i);
    const place = list[i];
    if (!place) return null;
    place.free--;
    return place;
  }

  private fits(place: FreePlace, entry: PlanEntry): boolean {
    if (place.free <= 0) return false;
    if (entry.timeOfDay === "morning" && !place.morning) return false;
    if (entry.timeOfDay === "afternoon" && place.morning) return false;
    return !entry.letter || place.startsAt >= this.letterNotBefore;
  }
}
