// A process's own copies of the call sessions it saved last, so that the next webhook of such a
// call needs no read from the database. The database stays the truth; a copy is only used when
// it is provably current:
// - Every URL the hotline hands Twilio names the session version its answer was saved as
//   (`?v=7`), and Twilio's signature covers the URL. A webhook answering version 7 may use a
//   copy of version 7, and only that.
// - Version 7 of a call can be saved once (the store's version check), so a copy of it is that
//   saved row. If another process has moved the call on since (a repeated request landing
//   there), saving on top of 7 fails and the webhook reads the row and runs again, as two
//   webhooks racing on one call already do.
// A copy is taken out while a webhook works on it (two webhooks of one call never share one
// object) and put back only when the save succeeded.
import type { CallState } from "./types.ts";
import type { CallSessionStore, StoredSession } from "./session-store.ts";

export class RecentSessions implements CallSessionStore {
  private readonly copies = new Map<string, StoredSession>();
  hits = 0;

  constructor(
    private readonly store: CallSessionStore,
    /** Calls remembered at most; the longest unused goes first. About 2 KB each. */
    private readonly maxCalls = 10_000,
  ) {}

  async load(callSid: string, version?: number): Promise<StoredSession | null> {
    const copy = this.copies.get(callSid);
    if (copy) {
      this.copies.delete(callSid);
      if (version !== undefined && copy.version === version) {
        this.hits++;
        return copy;
      }
    }
    return this.store.load(callSid);
  }

  async save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean> {
    const saved = await this.store.save(state, expectedVersion, requestKey, response);
    if (saved) {
      this.copies.delete(state.callSid);
      if (this.copies.size >= this.maxCalls) this.copies.delete(this.copies.keys().next().value!);
      this.copies.set(state.callSid, {
        state,
        version: (expectedVersion ?? 0) + 1,
        lastRequestKey: requestKey,
        lastResponse: response,
        endedAt: null,
      });
    }
    return saved;
  }

  /** The call ended: nothing will ask for its session here again. */
  forget(callSid: string): void {
    this.copies.delete(callSid);
  }

  get size(): number {
    return this.copies.size;
  }
}
