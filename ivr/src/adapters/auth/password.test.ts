import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("password hashes", () => {
  it("when the right password is given, then it verifies; a wrong one or a broken hash does not", async () => {
    const hash = await hashPassword("impfen-agent1");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain("impfen-agent1");
    expect(await verifyPassword("impfen-agent1", hash)).toBe(true);
    expect(await verifyPassword("impfen-agent2", hash)).toBe(false);
    expect(await verifyPassword("impfen-agent1", null)).toBe(false);
    expect(await verifyPassword("impfen-agent1", "md5$abc")).toBe(false);
  });

  it("when the same password is hashed twice, then the salts differ", async () => {
    expect(await hashPassword("x")).not.toBe(await hashPassword("x"));
  });
});
