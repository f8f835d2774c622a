// "Roughly when", truthfully: how many wait before this person in their region (every earlier
// priority group, and half of their own, since the lottery puts them anywhere in it), against
// how many the region's runs invited in the last seven days. No runs in that week: no estimate
// (deliveries decide, and the caller is told so). Figures are kept a few minutes per region and
// group: counting a million-row list for every caller would cost more than the sentence is worth.
import type { Clock } from "../ledger/ledger.ts";

export interface WaitFigures {
  /** Waiting in the region in an earlier priority group, and in the same group. */
  earlierGroups: number;
  sameGroup: number;
  /** Invited by the region's runs since `since`. */
  invitedSince: number;
}

export interface WaitFiguresSource {
  waitFigures(regionId: string, priorityGroup: number, since: Date): Promise<WaitFigures>;
}

const WEEK_MS = 7 * 86_400_000;
const KEEP_MS = 5 * 60_000;

/** Whole weeks (at least 1), or null when nobody was invited in the region last week. */
export function weeksToWait(f: WaitFigures): number | null {
  if (f.invitedSince <= 0) return null;
  return Math.max(1, Math.ceil((f.earlierGroups + f.sameGroup / 2) / f.invitedSince));
}

export class WaitEstimates {
  private readonly kept = new Map<string, { at: number; weeks: number | null }>();

  constructor(
    private readonly source: WaitFiguresSource,
    private readonly clock: Clock,
  ) {}

  async weeksFor(entry: { regionId: string; priorityGroup: number }): Promise<number | null> {
    const now = this.clock.now().getTime();
    const key = `${entry.regionId}:${entry.priorityGroup}`;
    const hit = this.kept.get(key);
    if (hit && now - hit.at < KEEP_MS) return hit.weeks;
    const figures = await this.source.waitFigures(entry.regionId, entry.priorityGroup, new Date(now - WEEK_MS));
    const weeks = weeksToWait(figures);
    this.kept.set(key, { at: now, weeks });
    return weeks;
  }
}
