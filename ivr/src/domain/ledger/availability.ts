// Truthful availability. Whether a centre has a free pair, and which is earliest, is always
// read live from the ledger. Only the total counts come from a snapshot at most one second
// old, because summing every slot on every webhook would cost more than it tells.
import { DomainError } from "../errors.ts";
import type { Centre, District, Geography } from "../geo/geography.ts";
import type { FreePair, LedgerStore } from "./ledger-store.ts";

export interface CentreAvailability {
  centre: Centre;
  district: Pick<District, "id" | "name" | "state" | "regionId">;
  freePairs: number;
  earliest: FreePair | null;
}

export interface Alternative extends CentreAvailability {
  km: number;
}

export interface PostcodeAvailability {
  postcode: string;
  areas: (CentreAvailability & { places: string[] })[];
  /** Nearest centres with free pairs, offered when a centre of this postcode is full. */
  alternatives: Alternative[];
  /** True only when no centre in the caller's KV region has a single free pair. */
  regionFull: boolean;
}

export class Availability {
  private counts: { at: number; from: number; value: Map<number, number> } | null = null;

  constructor(
    private readonly store: LedgerStore,
    private readonly geography: Geography,
    private readonly countsTtlMs = 1_000,
  ) {}

  async forPostcode(postcode: string, from: Date): Promise<PostcodeAvailability> {
    const found = this.geography.lookupPostcode(postcode);
    if (found.kind === "invalid") throw new DomainError("postcode_invalid");
    if (found.kind === "unknown") throw new DomainError("postcode_unknown");
    if (found.kind === "outside") throw new DomainError("outside_service_area", { states: found.states });
    const areas = await Promise.all(
      found.matches.map(async (m) => ({ ...(await this.forCentre(m.district.centre.id, from)), places: m.places })),
    );
    const full = areas.find((a) => a.earliest === null);
    const alternatives = full ? await this.nearestWithFree(full.centre.id, from, 3) : [];
    const regionFull = full ? !(await this.regionHasFree(full.district.regionId, from)) : false;
    return { postcode, areas, alternatives, regionFull };
  }

  async forCentre(centreId: number, from: Date): Promise<CentreAvailability> {
    const district = this.geography.districtOfCentre(centreId);
    if (!district) throw new DomainError("centre_unknown");
    const [earliest] = await this.store.freePairs(centreId, from, 1);
    const counts = await this.freeCounts(from);
    return {
      centre: district.centre,
      district,
      // A live "has a pair" wins over a stale count of zero, and the other way round.
      freePairs: earliest ? Math.max(1, counts.get(centreId) ?? 0) : 0,
      earliest: earliest ?? null,
    };
  }

  /** Nearest other centres that have a free pair right now, nearest first. */
  async nearestWithFree(centreId: number, from: Date, limit: number): Promise<Alternative[]> {
    const byDistance = this.geography.centresByDistance(centreId);
    const earliest = await this.store.earliestPairPerCentre(
      byDistance.map((c) => c.centre.id),
      from,
    );
    const pairByCentre = new Map(earliest.map((p) => [p.centreId, p]));
    const counts = await this.freeCounts(from);
    const result: Alternative[] = [];
    for (const { centre, km } of byDistance) {
      const pair = pairByCentre.get(centre.id);
      const district = this.geography.districtOfCentre(centre.id);
      if (!pair || !district) continue;
      result.push({ centre, district, km, earliest: pair, freePairs: Math.max(1, counts.get(centre.id) ?? 0) });
      if (result.length >= limit) break;
    }
    return result;
  }

  async regionHasFree(regionId: string, from: Date): Promise<boolean> {
    const centres = this.geography.centresOfRegion(regionId).map((c) => c.id);
    return (await this.store.earliestPairPerCentre(centres, from)).length > 0;
  }

  async freeCounts(from: Date): Promise<Map<number, number>> {
    const now = Date.now();
    if (
      this.counts &&
      now - this.counts.at < this.countsTtlMs &&
      Math.abs(this.counts.from - from.getTime()) < 60_000
    ) {
      return this.counts.value;
    }
    const value = await this.store.freePairCounts(from);
    this.counts = { at: now, from: from.getTime(), value };
    return value;
  }

  invalidateCounts(): void {
    this.counts = null;
  }
}
