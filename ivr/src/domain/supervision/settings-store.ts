import type { OperationsSettings } from "../operations-settings.ts";

export interface StoredSettings {
  settings: OperationsSettings;
  version: number;
}

export interface SettingsStore {
  load(): Promise<StoredSettings | null>;
  /** Inserts version 1 unless a row exists. */
  initialise(settings: OperationsSettings, by: string): Promise<void>;
  /** Saves when `expectedVersion` is still current; returns the new version or null. */
  save(settings: OperationsSettings, expectedVersion: number, by: string): Promise<number | null>;
}
