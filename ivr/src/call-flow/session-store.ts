import type { CallState } from "./types.ts";

export interface StoredSession {
  state: CallState;
  version: number;
  lastRequestKey: string | null;
  lastResponse: string | null;
  endedAt: Date | null;
}

/** Where call state lives between webhooks: shared by every server process. */
export interface CallSessionStore {
  load(callSid: string): Promise<StoredSession | null>;
  /**
   * Saves the state with the request that produced it and the answer given. Returns false
   * when another webhook of the same call saved first (version moved on).
   */
  save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean>;
}
