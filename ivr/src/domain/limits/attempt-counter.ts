// The port behind every abuse limit: counted attempts per key, in windows, shared by whoever
// shares the store (PostgreSQL: every server process; memory: this process only).
import { createHash } from "node:crypto";

/** What one attempt is counted under. */
export interface CounterWindow {
  key: string;
  /** How long the count lasts, in seconds. */
  seconds: number;
  /**
   * false: a fixed window that starts with its first attempt (a rate: N per minute).
   * true: the count is forgotten `seconds` after the last attempt (failures behind a backoff).
   */
  sliding: boolean;
}

export interface CounterState {
  key: string;
  /** Attempts in the current window; 0 when there is none (never counted, or run out). */
  count: number;
  /** The last attempt counted (null when count is 0). */
  lastAt: Date | null;
  /** When the count is forgotten (null when count is 0). */
  expiresAt: Date | null;
}

export interface AttemptCounter {
  /** Counts one attempt for each window (distinct keys) at `now`; the states after it, in order. */
  hit(windows: CounterWindow[], now: Date): Promise<CounterState[]>;
  /** The states of these keys at `now` without counting anything, in order. */
  peek(keys: string[], now: Date): Promise<CounterState[]>;
  /** Takes back one attempt from each key (one that turned out not to be a failure). */
  undo(keys: string[]): Promise<void>;
  /** Forgets these keys. */
  clear(keys: string[]): Promise<void>;
  /** Deletes every count that has run out by `now`; returns how many. */
  sweep(now: Date): Promise<number>;
}

/**
 * The key for `subject` (an address, a user name, a caller ID) under the limit `name`: the
 * subject only as a SHA-256, so the table keeps no addresses or numbers in the clear.
 */
export function counterKey(name: string, subject: string): string {
  return `${name}:${createHash("sha256").update(subject).digest("base64url")}`;
}

export const emptyState = (key: string): CounterState => ({ key, count: 0, lastAt: null, expiresAt: null });
