// The figures the wallboard needs, read straight from the shared database.
export interface SupervisionStore {
  callsInMenuByStep(since: Date): Promise<{ step: string; calls: number }[]>;
  queueLastHour(since: Date): Promise<{
    served: number;
    avgWaitSeconds: number | null;
    avgAnnouncedMinutes: number | null;
    avgEstimateErrorMinutes: number | null;
  }>;
  callbackFigures(
    now: Date,
    overdueBefore: Date,
  ): Promise<{
    pending: number;
    due: number;
    overdue: number;
    inProgress: number;
    failed: number;
    done: number;
    awaitingSupply: number;
    attempts: number;
  }>;
  bookingsByChannel(since: Date): Promise<Record<string, number>>;
  recordSample(name: string, at: Date, value: number): Promise<void>;
  samples(since: Date, until: Date): Promise<{ name: string; at: Date; value: number }[]>;
  bookingsPerHour(since: Date, until: Date): Promise<{ at: Date; value: number }[]>;
  audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void>;
  auditLog(limit: number): Promise<{ agentId: string; action: string; details: unknown; at: Date }[]>;
}
