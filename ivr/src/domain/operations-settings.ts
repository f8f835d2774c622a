// Operational settings a supervisor may change while the hotline runs (overflow thresholds,
// opening hours, the callback retry policy). Everything reads them through a source, so a
// change reaches every process without a restart.
import type { OperationsSettings } from "../contracts/supervisor-api.ts";

export type { OperationsSettings };

export interface SettingsSource {
  current(): OperationsSettings;
}

export class StaticSettings implements SettingsSource {
  constructor(private readonly settings: OperationsSettings) {}
  current(): OperationsSettings {
    return this.settings;
  }
}
