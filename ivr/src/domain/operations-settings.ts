// Operational settings a supervisor may change while the hotline runs (overflow thresholds,
// opening hours, the callback retry policy). Everything reads them through a source, so a
// change reaches every process without a restart.
export interface OperationsSettings {
  hotline: { opensAt: string; closesAt: string };
  queue: {
    name: string;
    /** Callers the agent queue holds; Twilio's queues hold 1,000 by default. */
    capacity: number;
    /** Offer a callback instead of waiting when the estimate's upper end is above this. */
    offerCallbackAboveMinutes: number;
    /** Handle time assumed until real calls have been measured. */
    defaultHandleSeconds: number;
  };
  callbacks: {
    maxAttempts: number;
    retryDelaysMinutes: number[];
    releaseWindowMinutes: number;
    /** A pair the caller chose stays held until the callback, at most this long. */
    holdHours: number;
    /** Twilio's default limit for outbound calls is 1 per second per account. */
    callsPerSecond: number;
    leaseSeconds: number;
  };
  /** Played after the greeting, per language; empty for none. */
  announcement: Record<string, string>;
}

export interface SettingsSource {
  current(): OperationsSettings;
}

export class StaticSettings implements SettingsSource {
  constructor(private readonly settings: OperationsSettings) {}
  current(): OperationsSettings {
    return this.settings;
  }
}
