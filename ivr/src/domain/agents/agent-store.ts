import type { AgentState, Role } from "../../contracts/console-api.ts";

export interface AgentRecord {
  id: string;
  displayName: string;
  role: Role;
  state: AgentState;
  stateSince: Date;
  currentCallSid: string | null;
  currentCallbackId: number | null;
  passwordHash: string | null;
}

export interface AgentStore {
  find(id: string): Promise<AgentRecord | null>;
  setState(
    id: string,
    state: AgentState,
    at: Date,
    call?: { callSid?: string | null; callbackId?: number | null },
  ): Promise<AgentRecord | null>;
  all(): Promise<AgentRecord[]>;
  createSession(agentId: string, tokenHash: string, expiresAt: Date): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<AgentRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
}
