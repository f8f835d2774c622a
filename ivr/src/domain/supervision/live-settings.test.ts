import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_SETTINGS, type OperationsSettings } from "../../contracts/supervisor-api.ts";
import { LiveSettings } from "./live-settings.ts";
import type { SettingsStore, StoredSettings } from "./settings-store.ts";

const DEFAULTS: OperationsSettings = {
  hotline: { opensAt: "08:00", closesAt: "20:00" },
  queue: { name: "agents", capacity: 1000, offerCallbackAboveMinutes: 20, defaultHandleSeconds: 240 },
  callbacks: {
    maxAttempts: 3,
    retryDelaysMinutes: [120, 1440],
    releaseWindowMinutes: 60,
    holdHours: 24,
    callsPerSecond: 1,
    leaseSeconds: 120,
  },
  service: DEFAULT_SERVICE_SETTINGS,
  announcement: {},
};

class MemoryStore implements SettingsStore {
  constructor(public row: StoredSettings | null) {}
  async load() {
    return this.row;
  }
  async initialise() {}
  async save(settings: OperationsSettings, expected: number) {
    if (this.row?.version !== expected) return null;
    this.row = { settings, version: expected + 1 };
    return this.row.version;
  }
}

describe("live settings and the service section", () => {
  it("when the stored settings predate the service section, then its defaults fill in", async () => {
    const { service: _, ...old } = DEFAULTS;
    const live = new LiveSettings(new MemoryStore({ settings: old as OperationsSettings, version: 4 }), DEFAULTS);
    await live.refresh();
    expect(live.current().service).toEqual(DEFAULT_SERVICE_SETTINGS);
  });

  it("when one threshold changes, then the others stay", async () => {
    const store = new MemoryStore({ settings: DEFAULTS, version: 1 });
    const live = new LiveSettings(store, DEFAULTS);
    await live.update({ service: { longestWaitRedSeconds: 300 } }, "leitung");
    expect(store.row?.settings.service).toEqual({ ...DEFAULT_SERVICE_SETTINGS, longestWaitRedSeconds: 300 });
  });
});
