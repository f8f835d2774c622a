import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { releaseDiscardedHold } from "./discarded-run.ts";
import type { CallState } from "./types.ts";

const withHold = (holdId?: string) => ({ held: holdId ? { holdId } : undefined }) as unknown as CallState;

describe("a discarded webhook run", () => {
  const released: string[] = [];
  const deps = {
    ledger: { releaseHold: async (id: string) => (released.push(id), 1) },
    logger: pino({ level: "silent" }),
  };

  it("when it took a new hold, then that hold is given back; the call's earlier hold is left alone", async () => {
    await releaseDiscardedHold(deps, undefined, withHold("new-1"));
    await releaseDiscardedHold(deps, "old", withHold("new-2"));
    await releaseDiscardedHold(deps, "old", withHold("old"));
    await releaseDiscardedHold(deps, "old", withHold());
    expect(released).toEqual(["new-1", "new-2"]);
  });

  it("when giving it back fails, then the webhook still answers (the sweep gives it back)", async () => {
    const failing = { ...deps, ledger: { releaseHold: () => Promise.reject(new Error("down")) } };
    await expect(releaseDiscardedHold(failing, undefined, withHold("x"))).resolves.toBeUndefined();
  });
});
