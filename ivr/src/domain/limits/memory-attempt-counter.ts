// Attempt counts in this process's memory: for limits whose point is to protect this process
// (the public availability endpoint, where a database write per request would add the very
// load the limit is there to shed), and for unit tests of the limits.
import { emptyState, type AttemptCounter, type CounterState, type CounterWindow } from "./attempt-counter.ts";

interface Entry {
  count: number;
  lastAt: Date;
  expiresAt: Date;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** Keys kept at most; when full, expired ones are dropped first, then the oldest. */
    private readonly maxKeys = 100_000,
  ) {}

  async hit(windows: CounterWindow[], now: Date): Promise<CounterState[]> {
    return windows.map((w) => {
      const until = new Date(now.getTime() + w.seconds * 1000);
      const live = this.live(w.key, now);
      const entry = live
        ? { count: live.count + 1, lastAt: now, expiresAt: w.sliding ? until : live.expiresAt }
        : { count: 1, lastAt: now, expiresAt: until };
      if (!live && this.entries.size >= this.maxKeys) this.makeRoom(now);
      this.entries.delete(w.key);
      this.entries.set(w.key, entry);
      return { key: w.key, ...entry };
    });
  }

  async peek(keys: string[], now: Date): Promise<CounterState[]> {
    return keys.map((key) => {
      const live = this.live(key, now);
      return live ? { key, ...live } : emptyState(key);
    });
  }

  async undo(keys: string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry && entry.count > 0) entry.count -= 1;
    }
  }

  async clear(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async sweep(now: Date): Promise<number> {
    let deleted = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string, now: Date): Entry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  private makeRoom(now: Date): void {
    void this.sweep(now);
    // Still full: the least recently counted go (a Map iterates in insertion order).
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxKeys) break;
      this.entries.delete(key);
    }
  }
}
