// The figures the wallboard needs, read straight from the shared database.
import type { StateChange } from "./agent-activity.ts";
import type { QueueCounts } from "./service-figures.ts";

export interface SupervisionStore {
  callsInMenuByStep(since: Date): Promise<{ step: string; calls: number }[]>;
  /**
   * The queue's figures per quarter-hour for callers (not outbound callbacks) who joined it
   * in [since, until): `at` is the start of each quarter-hour that had any. Hang-ups after at
   * most `shortAbandonSeconds` are short abandons.
   */
  queueCounts(
    since: Date,
    until: Date,
    limits: { targetSeconds: number; shortAbandonSeconds: number },
  ): Promise<(QueueCounts & { at: Date })[]>;
  /** Agents' state changes in [since, until), each agent's last one before `since` first; supervisors left out. */
  agentStateChanges(since: Date, until: Date): Promise<StateChange[]>;
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
