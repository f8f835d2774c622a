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
  /**
   * `version`: the session version the webhook answers, when its URL names one (see
   * RecentSessions); a store may answer from a copy of exactly that version without a read.
   */
  load(callSid: string, version?: number): Promise<StoredSession | null>;
  /**
   * Saves the state with the request that produced it and the answer given, as version
   * expectedVersion + 1 (1 for a new call). Returns false when another webhook of the same
   * call saved first (version moved on).
   */
  save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean>;
  /** The call ended; a store keeping copies can drop its copy. */
  forget?(callSid: string): void;
}
