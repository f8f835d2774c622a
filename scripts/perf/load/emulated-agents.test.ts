import { describe, expect, it } from "vitest";
import { benchAccounts, Switchboard } from "./emulated-agents.ts";

describe("the bench's switchboard and agent accounts", () => {
  it("when an agent connects a caller before the caller waits, then the caller finds the line connected", async () => {
    const board = new Switchboard();
    board.line("CA1").connect();
    const line = board.line("CA1");
    expect(line.isConnected).toBe(true);
    await line.connected;
    line.end();
    await line.ended;
    board.hungUp("CA1");
    expect(board.line("CA1").isConnected).toBe(false);
  });

  it("when N agents are asked for, then N accounts in AGENT_ACCOUNTS form (id:name:password)", () => {
    const { accounts, spec } = benchAccounts(2);
    expect(accounts.map((a) => a.id)).toEqual(["bench-agent-1", "bench-agent-2"]);
    expect(spec).toBe("bench-agent-1:Agent 1:bench-agent-password-01,bench-agent-2:Agent 2:bench-agent-password-01");
    expect(benchAccounts(0).spec).toBe("");
  });
});
