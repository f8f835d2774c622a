import type { AgentState, NotReadyReason, Role } from "../../contracts/console-api.ts";

export interface AgentRecord {
  id: string;
  displayName: string;
  role: Role;
  /** A centre account's centre (role "centre"); null otherwise. */
  centreId: number | null;
  state: AgentState;
  stateSince: Date;
  currentCallSid: string | null;
  currentCallbackId: number | null;
  passwordHash: string | null;
  createdAt: Date;
  /** Set while the account is disabled: no sign-in, no session. */
  disabledAt: Date | null;
  passwordChangedAt: Date | null;
  /** Languages the agent speaks: calls are offered by the caller's language. */
  languages: string[];
  /** Why the agent is "Nicht bereit" (state "break"); null in every other state. */
  notReadyReason: NotReadyReason | null;
}

/** A signed-in console session: whose it is and until when it lasts. */
export interface SessionRecord {
  agent: AgentRecord;
  expiresAt: Date;
}

export interface AgentStore {
  find(id: string): Promise<AgentRecord | null>;
  setState(
    id: string,
    state: AgentState,
    at: Date,
    /** reason: why, for a "not ready" state (kept on the agent and in the state history). */
    call?: { callSid?: string | null; callbackId?: number | null; reason?: NotReadyReason | null },
  ): Promise<AgentRecord | null>;
  /**
   * The caller put on hold or taken back: the agent stays "on-call" (hold is the call's state,
   * not the agent's), but the history gets "on-hold" / "on-call" so that hold time is measured
   * apart in handle time and occupancy (domain/supervision/agent-activity.ts).
   */
  recordHold(id: string, held: boolean, at: Date): Promise<void>;
  setLanguages(id: string, languages: string[]): Promise<AgentRecord | null>;
  all(): Promise<AgentRecord[]>;
  createSession(agentId: string, tokenHash: string, expiresAt: Date): Promise<void>;
  /** The session behind a cookie, if it has not expired and its account is not disabled. */
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  /** Of the given sessions, those still valid at `now` (live sockets are checked with it). */
  validSessions(tokenHashes: string[], now: Date): Promise<Set<string>>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes the sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: Date): Promise<number>;
}
