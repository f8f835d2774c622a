// Keeps the sessions this process saved last in memory, so the next webhook of the same call
// (usually here again) needs no read. Correctness stays with the database: every save is
// conditional on the version, so when another process moved the call on, the save fails,
// the entry is dropped, and the webhook retries from the database.
import type { CallSessionStore, StoredSession } from "./session-store.ts";
import type { CallState } from "./types.ts";

interface Entry {
  json: string;
  version: number;
  lastRequestKey: string | null;
  lastResponse: string | null;
}

export class CachingSessionStore implements CallSessionStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inner: CallSessionStore,
    private readonly capacity = 20_000,
  ) {}

  async load(callSid: string): Promise<StoredSession | null> {
    const hit = this.entries.get(callSid);
    if (hit) {
      // A fresh copy: the flow mutates the state it is given.
      return { state: JSON.parse(hit.json) as CallState, version: hit.version, lastRequestKey: hit.lastRequestKey, lastResponse: hit.lastResponse, endedAt: null };
    }
    return this.inner.load(callSid);
  }

  async save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean> {
    const saved = await this.inner.save(state, expectedVersion, requestKey, response);
    if (!saved) {
      this.entries.delete(state.callSid);
      return false;
    }
    this.entries.delete(state.callSid);
    this.entries.set(state.callSid, { json: JSON.stringify(state), version: (expectedVersion ?? 0) + 1, lastRequestKey: requestKey, lastResponse: response });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  async end(callSid: string, at: Date): Promise<void> {
    this.entries.delete(callSid);
    await this.inner.end(callSid, at);
  }
}
