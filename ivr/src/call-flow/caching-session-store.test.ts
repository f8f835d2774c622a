import { describe, expect, it } from "vitest";
import { CachingSessionStore } from "./caching-session-store.ts";
import type { CallSessionStore, StoredSession } from "./session-store.ts";
import type { CallState } from "./types.ts";

/** A database stand-in with versioned rows, shared by two "processes". */
class Rows implements CallSessionStore {
  rows = new Map<string, StoredSession>();
  loads = 0;
  async load(callSid: string) {
    this.loads++;
    const r = this.rows.get(callSid);
    return r ? { ...r, state: structuredClone(r.state) } : null;
  }
  async save(state: CallState, expected: number | null, key: string, response: string) {
    const current = this.rows.get(state.callSid);
    if ((current?.version ?? null) !== expected) return false;
    this.rows.set(state.callSid, { state: structuredClone(state), version: (expected ?? 0) + 1, lastRequestKey: key, lastResponse: response, endedAt: null });
    return true;
  }
  async end() {}
}

const state = (step: CallState["step"]) => ({ callSid: "CA1", step, language: "de", retries: 0, path: [], bookings: [] }) as unknown as CallState;

describe("the session cache", () => {
  it("when this process saved last, then the next webhook reads no row", async () => {
    const db = new Rows();
    const a = new CachingSessionStore(db);
    expect(await a.save(state("welcome"), null, "k1", "<Response/>")).toBe(true);
    const loaded = await a.load("CA1");
    expect(db.loads).toBe(0);
    expect(loaded).toMatchObject({ version: 1, lastRequestKey: "k1", state: { step: "welcome" } });
    loaded!.state.step = "postcode";
    expect((await a.load("CA1"))!.state.step).toBe("welcome");
  });

  it("when another process moved the call on, then the stale save fails and the next load reads the database", async () => {
    const db = new Rows();
    const a = new CachingSessionStore(db);
    const b = new CachingSessionStore(db);
    await a.save(state("welcome"), null, "k1", "r1");
    const seenByB = await b.load("CA1");
    await b.save({ ...seenByB!.state, step: "main-menu" }, seenByB!.version, "k2", "r2");
    const stale = await a.load("CA1");
    expect(stale!.version).toBe(1);
    expect(await a.save({ ...stale!.state, step: "postcode" }, stale!.version, "k3", "r3")).toBe(false);
    const fresh = await a.load("CA1");
    expect(fresh).toMatchObject({ version: 2, state: { step: "main-menu" } });
    expect(await a.save({ ...fresh!.state, step: "postcode" }, fresh!.version, "k3", "r3")).toBe(true);
  });
});
