// The legs of each answered call's conference (migration 20261207140000): who is in it and
// how. A person has at most one open leg and a call one caller leg (partial unique indexes),
// so a second join is refused by the database, whichever server process tries it.
import type { MonitorMode } from "../../contracts/call-control.ts";

export type LegRole = "caller" | "agent" | "consult" | "supervisor";

export interface CallLegRecord {
  id: number;
  callSid: string;
  role: LegRole;
  agentId: string | null;
  legSid: string | null;
  mode: MonitorMode | null;
  muted: boolean;
  held: boolean;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface CallLegStore {
  /** A new open leg; null when the person already has one (or the call its caller leg). */
  join(
    leg: { callSid: string; role: LegRole; agentId: string | null; mode?: MonitorMode | null },
    now: Date,
  ): Promise<CallLegRecord | null>;
  setLegSid(id: number, legSid: string): Promise<void>;
  update(
    id: number,
    change: { role?: LegRole; mode?: MonitorMode | null; muted?: boolean; held?: boolean },
  ): Promise<void>;
  leave(id: number, now: Date): Promise<void>;
  /** Every open leg of the call. */
  open(callSid: string): Promise<CallLegRecord[]>;
  /** The person's open leg, in whichever call. */
  openOf(agentId: string): Promise<CallLegRecord | null>;
  /** All legs of a call that ended are closed; returns how many were open. */
  closeCall(callSid: string, now: Date): Promise<number>;
  /** The queued call now belongs to another agent (a transfer): the screen pop follows it. */
  handOver(callSid: string, agentId: string): Promise<void>;
}
