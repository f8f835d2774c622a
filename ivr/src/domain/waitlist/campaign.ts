// The invitation campaign of each KV region, as the supervisor page shows and steers it: who
// waits (by priority group), what became of the invitations, the letters printed, how large the
// next run would be, the published values of the latest runs; start a run now, pause the region.
// A paused region starts no run (by hand, on a release, or scheduled) and no invitation call:
// the pause is stored per region (campaign_region.paused) so every process sees it.
import { DomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { InvitationRuns, PublicRun, RunResult, RunSettings } from "./invitation-runs.ts";

export interface CampaignSetting {
  regionId: string;
  paused: boolean;
  sharePercent: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

export type InvitationOutcome = "invited" | "accepted" | "declined" | "expired" | "booked";

export interface CampaignStore {
  /** The stored settings; a region without a row is not paused and has the default share. */
  campaignSettings(): Promise<Omit<CampaignSetting, "updatedAt" | "updatedBy">[]>;
  saveCampaign(
    regionId: string,
    change: { paused?: boolean; sharePercent?: number },
    by: string,
    now: Date,
  ): Promise<void>;
  /** Waiting entries a run would consider (not home visits), by region and stored priority group. */
  waitingByGroup(): Promise<{ regionId: string; priorityGroup: number; count: number }[]>;
  /** Invitations of every run, by the run's region and the invitation's status. */
  invitationCounts(): Promise<{ regionId: string; status: InvitationOutcome; count: number }[]>;
  /** Letter rows (letter_item) of bookings that came from an invitation, by region. */
  lettersPrinted(): Promise<{ regionId: string; count: number }[]>;
  /** Free pairs per centre whose first dose starts at or after `notBefore`. */
  freePairsByCentre(centreIds: number[], notBefore: Date): Promise<{ centreId: number; free: number }[]>;
  audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void>;
}

export interface CampaignRegion {
  regionId: string;
  paused: boolean;
  sharePercent: number;
  /** Priority group → waiting entries (0 = code holders, 1 = 90+, 2 = 85–89, 3 = 80–84). */
  waitingByGroup: Record<number, number>;
  invitations: Record<InvitationOutcome, number>;
  lettersPrinted: number;
  freePairs: number;
  /** What a run started now would assign at most: each centre's share of its free pairs, no more than wait. */
  nextRunSize: number;
  /** The region's latest runs, newest first: hashes before, seed after. */
  runs: PublicRun[];
}

const RUNS_SHOWN = 3;

export class Campaign {
  constructor(
    private readonly store: CampaignStore,
    private readonly runs: InvitationRuns,
    private readonly ledger: Pick<Ledger, "offerFrom">,
    private readonly geography: Geography,
    private readonly clock: { now(): Date },
    private readonly defaults: Pick<RunSettings, "sharePercent">,
  ) {}

  async overview(): Promise<CampaignRegion[]> {
    const [settings, waiting, invitations, letters, runs] = await Promise.all([
      this.store.campaignSettings(),
      this.store.waitingByGroup(),
      this.store.invitationCounts(),
      this.store.lettersPrinted(),
      this.runs.runs(50),
    ]);
    const notBefore = this.ledger.offerFrom();
    const out: CampaignRegion[] = [];
    for (const region of this.geography.regions) {
      const setting = settings.find((s) => s.regionId === region.id);
      const sharePercent = setting?.sharePercent ?? this.defaults.sharePercent;
      const waitingByGroup: Record<number, number> = {};
      let waitingTotal = 0;
      for (const w of waiting.filter((x) => x.regionId === region.id)) {
        waitingByGroup[w.priorityGroup] = w.count;
        waitingTotal += w.count;
      }
      const counts: Record<InvitationOutcome, number> = { invited: 0, accepted: 0, declined: 0, expired: 0, booked: 0 };
      for (const c of invitations.filter((x) => x.regionId === region.id)) counts[c.status] = c.count;
      const centres = this.geography.centresOfRegion(region.id).map((c) => c.id);
      const free = await this.store.freePairsByCentre(centres, notBefore);
      // As the run's planner sizes it: each centre gives the share of its own free pairs.
      const budget = free.reduce((sum, c) => sum + Math.floor((c.free * sharePercent) / 100), 0);
      out.push({
        regionId: region.id,
        paused: setting?.paused ?? false,
        sharePercent,
        waitingByGroup,
        invitations: counts,
        lettersPrinted: letters.find((l) => l.regionId === region.id)?.count ?? 0,
        freePairs: free.reduce((sum, c) => sum + c.free, 0),
        nextRunSize: Math.min(budget, waitingTotal),
        runs: runs.filter((r) => r.regionId === region.id).slice(0, RUNS_SHOWN),
      });
    }
    return out;
  }

  /** Pauses or resumes a region; audited. */
  async setPaused(regionId: string, paused: boolean, by: string): Promise<void> {
    this.knownRegion(regionId);
    await this.store.saveCampaign(regionId, { paused }, by, this.clock.now());
    await this.store.audit(by, paused ? "waitlist.campaign.paused" : "waitlist.campaign.resumed", { regionId });
  }

  /**
   * Runs now: the share is kept as the region's setting, the run is published (hashes in the
   * audit log) and executed (seed published). A paused region refuses.
   */
  async start(regionId: string, sharePercent: number, by: string): Promise<RunResult> {
    this.knownRegion(regionId);
    if (!(Number.isInteger(sharePercent) && sharePercent >= 0 && sharePercent <= 100))
      throw new DomainError("supply_invalid");
    await this.store.saveCampaign(regionId, { sharePercent }, by, this.clock.now());
    const run = await this.runs.publish(regionId, { sharePercent }, by);
    return this.runs.execute(run.id, by);
  }

  private knownRegion(regionId: string): void {
    if (!this.geography.regions.some((r) => r.id === regionId)) throw new DomainError("region_unknown");
  }
}
