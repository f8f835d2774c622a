import { describe, expect, it } from "vitest";
import { RecentSessions } from "./recent-sessions.ts";
import type { CallSessionStore, StoredSession } from "./session-store.ts";
import type { CallState } from "./types.ts";

const stateOf = (callSid: string, step: CallState["step"] = "welcome"): CallState => ({
  callSid,
  from: null,
  language: "de",
  startedAt: "2021-01-25T08:00:00.000Z",
  step,
  retries: 0,
  path: [step],
  operatorVisits: 0,
  bookings: [],
  bookingAttempt: 0,
});

/** The database's side: one row per call with a version, and a count of reads. */
class Rows implements CallSessionStore {
  readonly rows = new Map<string, StoredSession>();
  reads = 0;
  async load(callSid: string): Promise<StoredSession | null> {
    this.reads++;
    const row = this.rows.get(callSid);
    return row ? structuredClone(row) : null;
  }
  async save(state: CallState, expectedVersion: number | null, requestKey: string, response: string): Promise<boolean> {
    const row = this.rows.get(state.callSid);
    if ((row?.version ?? null) !== expectedVersion) return false;
    this.rows.set(state.callSid, {
      state: structuredClone(state),
      version: (expectedVersion ?? 0) + 1,
      lastRequestKey: requestKey,
      lastResponse: response,
      endedAt: null,
    });
    return true;
  }
}

describe("a process's copies of the call sessions it saved", () => {
  it("when a webhook answers the version this process saved, then the copy answers and nothing is read", async () => {
    const rows = new Rows();
    const recent = new RecentSessions(rows);
    expect(await recent.save(stateOf("CA1"), null, "k1", "<a/>")).toBe(true);
    const copy = await recent.load("CA1", 1);
    expect(copy).toMatchObject({ version: 1, lastRequestKey: "k1", lastResponse: "<a/>", state: { step: "welcome" } });
    expect(rows.reads).toBe(0);
    expect(recent.hits).toBe(1);
  });

  it("when a webhook answers another version, or names none, then the row is read and the copy dropped", async () => {
    const rows = new Rows();
    const recent = new RecentSessions(rows);
    await recent.save(stateOf("CA1"), null, "k1", "<a/>");
    // Another process moved the call on to version 2 meanwhile.
    await rows.save(stateOf("CA1", "main-menu"), 1, "k2", "<b/>");
    expect(await recent.load("CA1", 2)).toMatchObject({ version: 2, state: { step: "main-menu" } });
    expect(rows.reads).toBe(1);
    expect(recent.size).toBe(0);
    await recent.save(stateOf("CA1", "birth-year"), 2, "k3", "<c/>");
    expect(await recent.load("CA1")).toMatchObject({ version: 3 });
    expect(rows.reads).toBe(2);
  });

  it("when a save is refused, then no copy is kept, and a copy in use is lent to one webhook only", async () => {
    const rows = new Rows();
    const recent = new RecentSessions(rows);
    await recent.save(stateOf("CA1"), null, "k1", "<a/>");
    const first = await recent.load("CA1", 1);
    const second = await recent.load("CA1", 1); // Twilio repeating the request at once
    expect(second).not.toBe(first);
    expect(rows.reads).toBe(1);
    expect(await recent.save(stateOf("CA1", "main-menu"), 1, "k2", "<b/>")).toBe(true);
    expect(await recent.save(stateOf("CA1", "postcode"), 1, "k2b", "<x/>")).toBe(false);
    // The refused save left the copy of the saved version 2 alone.
    expect(await recent.load("CA1", 2)).toMatchObject({ lastRequestKey: "k2" });
    expect(rows.reads).toBe(1);
  });

  it("when more calls are remembered than allowed, then the longest unused goes; an ended call is forgotten", async () => {
    const rows = new Rows();
    const recent = new RecentSessions(rows, 2);
    for (const sid of ["CA1", "CA2", "CA3"]) await recent.save(stateOf(sid), null, "k", "<a/>");
    expect(recent.size).toBe(2);
    await recent.load("CA1", 1);
    expect(rows.reads).toBe(1);
    recent.forget("CA2");
    await recent.load("CA2", 1);
    expect(rows.reads).toBe(2);
    await recent.load("CA3", 1);
    expect(rows.reads).toBe(2);
  });
});
