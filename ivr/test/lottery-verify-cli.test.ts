// `npm run lottery:verify` with only the published values, as anyone outside the hotline would run it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frozenListText, lotteryOrder, sha256Hex } from "../src/domain/waitlist/lottery.ts";
import { PROJECT_ROOT } from "../src/paths.ts";

const members = [
  { group: 1, registrationNumber: "4815162342" },
  { group: 1, registrationNumber: "1000000007" },
  { group: 2, registrationNumber: "2718281828" },
];
const seed = "ab".repeat(32);
const list = frozenListText(members);
const listFile = join(mkdtempSync(join(tmpdir(), "lottery-verify-")), "list.txt");
writeFileSync(listFile, list);

function verify(seedHash: string, number: string): { code: number; out: string } {
  const args = ["--seed", seed, "--seed-hash", seedHash, "--list-hash", sha256Hex(list), "--list", listFile];
  try {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "ivr/src/lottery-verify.ts", ...args, "--number", number],
      {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
      },
    );
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

describe("lottery:verify from the published values", () => {
  it("when seed, list and digests agree, then it says so and gives a number's group and place", () => {
    const place = lotteryOrder(seed, members).find((m) => m.registrationNumber === "1000000007")!.position + 1;
    const { code, out } = verify(sha256Hex(seed), "1000000007");
    expect(code).toBe(0);
    expect(out).toContain("MATCHES: 3 entries recomputed");
    expect(out).toContain(`1000000007: group 1, rank `);
    expect(out).toContain(`place ${place} of 3`);
  });

  it("when the seed does not match its published digest, then it exits 1 naming the mismatch", () => {
    const { code, out } = verify(sha256Hex("another seed"), "1000000007");
    expect(code).toBe(1);
    expect(out).toContain("DOES NOT MATCH: seed_hash_mismatch");
  });
});
