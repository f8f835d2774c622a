// Operational settings every server process shares: read from the database, cached, and
// refreshed every second, so a supervisor's change reaches every process without a restart.
import type { OperationsSettings, SettingsSource } from "../operations-settings.ts";
import type { SettingsUpdate } from "../../contracts/supervisor-api.ts";
import { DomainError } from "../errors.ts";
import type { SettingsStore } from "./settings-store.ts";

const REFRESH_MS = 1_000;

export class LiveSettings implements SettingsSource {
  private cached: OperationsSettings;
  private version = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: SettingsStore,
    private readonly defaults: OperationsSettings,
  ) {
    this.cached = defaults;
  }

  async start(): Promise<void> {
    await this.store.initialise(this.cached, "configuration");
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): OperationsSettings {
    return this.cached;
  }

  currentVersion(): number {
    return this.version;
  }

  async refresh(): Promise<void> {
    const stored = await this.store.load();
    if (stored && stored.version !== this.version) {
      // Settings saved before a section existed get that section's defaults.
      this.cached = { ...stored.settings, service: { ...this.defaults.service, ...stored.settings.service } };
      this.version = stored.version;
    }
  }

  /**
   * Applies a supervisor's change; retries if another process saved meanwhile. With
   * `basedOnVersion` (the version the supervisor's form showed) a change made since is not
   * overwritten unseen: a "settings_changed" DomainError instead.
   */
  async update(
    change: SettingsUpdate & { announcement?: Record<string, string> },
    by: string,
    basedOnVersion?: number,
  ): Promise<OperationsSettings> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.refresh();
      if (basedOnVersion !== undefined && basedOnVersion !== this.version)
        throw new DomainError("settings_changed", { version: this.version });
      const next: OperationsSettings = {
        hotline: { ...this.cached.hotline, ...change.hotline },
        queue: { ...this.cached.queue, ...change.queue },
        callbacks: { ...this.cached.callbacks, ...change.callbacks },
        service: { ...this.cached.service, ...change.service },
        announcement: change.announcement ?? this.cached.announcement,
      };
      const version = await this.store.save(next, this.version, by);
      if (version !== null) {
        this.cached = next;
        this.version = version;
        return next;
      }
    }
    throw new Error("settings kept changing; try again");
  }
}
