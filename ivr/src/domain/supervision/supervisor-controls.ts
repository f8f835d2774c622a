// What supervisors change while the hotline runs. Every change is audited with who made it;
// settings reach every process through LiveSettings.
import { LANGUAGES } from "../../contracts/languages.ts";
import type { SettingsUpdate } from "../../contracts/supervisor-api.ts";
import type { CallbackService } from "../callbacks/callback-service.ts";
import type { Ledger } from "../ledger/ledger.ts";
import type { LiveSettings } from "./live-settings.ts";
import type { SupervisionStore } from "./supervision-store.ts";

export interface SupplyInput {
  regionId: string;
  weekStart: string;
  doses: number;
  vaccineId: string;
}

export class SupervisorControls {
  constructor(
    private readonly ledger: Ledger,
    private readonly callbacks: CallbackService,
    private readonly settings: LiveSettings,
    private readonly store: SupervisionStore,
  ) {}

  async previewSupply(input: SupplyInput) {
    const plan = await this.ledger.previewRelease(input.regionId, input.weekStart, input.doses);
    return {
      doses: plan.doses,
      pairs: plan.pairs,
      unscheduled: plan.unscheduled,
      perCentre: plan.perCentre.map((c) => ({
        centreId: c.centreId,
        name: this.ledger.geography.districtOfCentre(c.centreId)?.centre.name ?? "",
        pairs: c.pairs,
      })),
    };
  }

  /** Creates the capacity, then wakes everyone who asked to be called when appointments come. */
  async releaseSupply(input: SupplyInput, by: string) {
    const result = await this.ledger.releaseSupply({ ...input, releasedBy: by });
    const woken = await this.callbacks.wakeAwaitingSupply();
    await this.store.audit(by, "supply.release", {
      ...input,
      pairs: result.pairs,
      releaseId: result.releaseId,
      callbacksScheduled: woken,
    });
    return {
      releaseId: result.releaseId,
      pairs: result.pairs,
      unscheduled: result.plan.unscheduled,
      callbacksScheduled: woken,
    };
  }

  async updateSettings(request: SettingsUpdate, by: string) {
    const { basedOnVersion, ...change } = request;
    const next = await this.settings.update(change, by, basedOnVersion);
    await this.store.audit(by, "settings.update", change as Record<string, unknown>);
    return next;
  }

  /** The announcement the menu plays after the greeting; missing languages fall back to German and are reported. */
  async setAnnouncement(texts: Record<string, string>, by: string) {
    const cleaned = Object.fromEntries(
      Object.entries(texts)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    await this.settings.update({ announcement: cleaned }, by);
    await this.store.audit(by, "announcement.set", { texts: cleaned });
    const missing = Object.keys(cleaned).length === 0 ? [] : LANGUAGES.filter((l) => !cleaned[l]);
    return { announcement: cleaned, missing };
  }

  auditLog(limit = 100) {
    return this.store.auditLog(limit);
  }
}
