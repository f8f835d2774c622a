// What the agent queue needs from its database.
import type { WaitEstimate } from "./wait-estimate.ts";

export interface QueuedCallRecord {
  callSid: string;
  queue: string;
  status: "waiting" | "bridged" | "left";
  language: string;
  phone: string | null;
  reason: string;
  context: Record<string, unknown>;
  enqueuedAt: Date;
  estimate: WaitEstimate | null;
  agentId: string | null;
  bridgedAt: Date | null;
}

export interface QueueStore {
  enqueue(call: Omit<QueuedCallRecord, "status" | "estimate" | "agentId" | "bridgedAt">): Promise<void>;
  /** Place in line among waiting callers (1 = next), or null when not waiting. */
  positionOf(callSid: string): Promise<number | null>;
  waitingCount(queue: string): Promise<number>;
  /** Agents available, on a call or in wrap-up. */
  agentsWorking(): Promise<number>;
  agentsAvailable(): Promise<number>;
  /** Mean handle time (bridge to end) of calls ended since `since`, or null without any. */
  avgHandleSeconds(since: Date): Promise<number | null>;
  recordEstimate(callSid: string, estimate: WaitEstimate | null): Promise<void>;
  /** The caller left the queue: bridged to an agent, hung up, or turned the wait into a callback. */
  left(callSid: string, result: string, waitSeconds: number | null, at: Date): Promise<void>;
  bridged(callSid: string, agentId: string, at: Date): Promise<boolean>;
  ended(callSid: string, at: Date): Promise<void>;
  find(callSid: string): Promise<QueuedCallRecord | null>;
  waiting(queue: string, limit: number): Promise<QueuedCallRecord[]>;
}
