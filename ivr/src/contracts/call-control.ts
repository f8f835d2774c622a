// Call control, shared with the console: hold, mute, transfer (cold, or warm with a consult
// first) and a supervisor's listen, whisper and barge on a call bridged through its own
// conference.
import { z } from "zod";

export const MONITOR_MODES = ["listen", "whisper", "barge"] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

export const TRANSFER_MODES = ["cold", "warm"] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Who is in a call's conference and how, for the agent's buttons and the supervisor's panel. */
export interface CallControlView {
  callSid: string;
  /** The agent who owns the call. */
  agentId: string | null;
  held: boolean;
  muted: boolean;
  /** A colleague consulted before a warm transfer (the caller hears the hold music meanwhile). */
  consult: { agentId: string } | null;
  monitors: { agentId: string; mode: MonitorMode }[];
}

export interface TransferTarget {
  id: string;
  name: string;
  role: "agent" | "supervisor";
}

/** A call in progress, for the supervisor's "Mithören". */
export interface LiveCallView {
  agentId: string;
  agentName: string;
  /** Since when the agent is in this call. */
  since: string;
  control: CallControlView;
}

export const holdCallRequest = z.object({ held: z.boolean() });
export const muteCallRequest = z.object({ muted: z.boolean() });
export const transferRequest = z.object({
  to: z.string().min(1).max(64),
  mode: z.enum(TRANSFER_MODES),
});
export const monitorRequest = z.object({ mode: z.enum(MONITOR_MODES) });
