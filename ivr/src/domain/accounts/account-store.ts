// What account management needs from the database. Every change that must end sessions ends
// them in the same transaction, so no request can slip in between with an old cookie.
import type { Role } from "../../contracts/console-api.ts";
import type { AgentRecord } from "../agents/agent-store.ts";

export interface NewAccount {
  id: string;
  displayName: string;
  role: Role;
  centreId: number | null;
  passwordHash: string;
  at: Date;
}

export interface AccountStore {
  find(id: string): Promise<AgentRecord | null>;
  all(): Promise<AgentRecord[]>;
  /** False when the id is taken (by an enabled or a disabled account). */
  create(account: NewAccount): Promise<boolean>;
  /** Replaces the hash and deletes every session of the account; false for an unknown id. */
  setPassword(id: string, passwordHash: string, at: Date): Promise<boolean>;
  /**
   * Disables the account (state offline) and deletes its sessions, unless it is the last
   * enabled supervisor: "last-supervisor". Serialised against concurrent disables, so two
   * supervisors disabling each other cannot both succeed.
   */
  disable(id: string, at: Date): Promise<"disabled" | "unknown" | "last-supervisor">;
  enable(id: string): Promise<boolean>;
  /** Whether a centre with this id exists (a centre account is bound to one). */
  centreExists(id: number): Promise<boolean>;
}
