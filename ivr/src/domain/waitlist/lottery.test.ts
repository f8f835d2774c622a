import { describe, expect, it } from "vitest";
import { drawSeed, frozenListText, lotteryOrder, sha256Hex, spearman, verifyRun, type ListMember } from "./lottery.ts";
import { generateRegistrationNumber, parseRegistrationNumber } from "./registration-number.ts";

function members(count: number, group = (i: number) => i % 3): ListMember[] {
  return Array.from({ length: count }, (_, i) => ({
    group: group(i),
    registrationNumber: generateRegistrationNumber(),
  }));
}

function published(list: ListMember[]) {
  const seed = drawSeed();
  const frozenList = frozenListText(list);
  return { seed, seedHash: sha256Hex(seed), listHash: sha256Hex(frozenList), frozenList };
}

describe("the invitation lottery", () => {
  it("when a run is recomputed from its published seed and list, then the order is the same", () => {
    const list = members(500);
    const run = published(list);
    const order = lotteryOrder(run.seed, list);
    const recorded = new Map(order.map((m) => [m.registrationNumber, m.position]));
    const check = verifyRun(run, recorded);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.order.map((m) => m.registrationNumber)).toEqual(order.map((m) => m.registrationNumber));
  });

  it("when one registration number in the list is changed, then the list hash no longer matches", () => {
    const list = members(50);
    const run = published(list);
    const changed = run.frozenList.replace(/\d{10}\n/, "1234567897\n");
    expect(verifyRun({ ...run, frozenList: changed })).toMatchObject({ ok: false, reason: "list_hash_mismatch" });
  });

  it("when the seed differs from the published hash, or the run's order was changed, then verification fails", () => {
    const list = members(50);
    const run = published(list);
    expect(verifyRun({ ...run, seed: drawSeed() })).toMatchObject({ ok: false, reason: "seed_hash_mismatch" });
    const order = lotteryOrder(run.seed, list);
    const swapped = new Map(order.map((m) => [m.registrationNumber, m.position]));
    swapped.set(order[0]!.registrationNumber, 1);
    swapped.set(order[1]!.registrationNumber, 0);
    expect(verifyRun(run, swapped)).toMatchObject({ ok: false, reason: "order_mismatch" });
  });

  it("orders by priority group first, then by lottery rank, never by the order of the list", () => {
    const list = members(300);
    const order = lotteryOrder(drawSeed(), list);
    for (let i = 1; i < order.length; i++) expect(order[i]!.group).toBeGreaterThanOrEqual(order[i - 1]!.group);
    const again = lotteryOrder(drawSeed(), list);
    expect(again.map((m) => m.registrationNumber)).not.toEqual(order.map((m) => m.registrationNumber));
  });

  it("within a priority group, invitation order does not follow registration order (|ρ| ≤ 0.05 over 10,000 entries)", () => {
    const list = members(10_000, () => 1); // registration order = index in this array
    const registered = new Map(list.map((m, i) => [m.registrationNumber, i]));
    const order = lotteryOrder(drawSeed(), list);
    const rho = spearman(
      order.map((m) => registered.get(m.registrationNumber)!),
      order.map((m) => m.position),
    );
    expect(Math.abs(rho)).toBeLessThanOrEqual(0.05);
  });

  it("registration numbers are ten digits with a Luhn check digit that catches a typo", () => {
    const n = generateRegistrationNumber();
    expect(n).toMatch(/^[1-9]\d{9}$/);
    expect(parseRegistrationNumber(`${n.slice(0, 3)} ${n.slice(3)}`)).toBe(n);
    const typo = n.slice(0, 4) + ((Number(n[4]) + 1) % 10) + n.slice(5);
    expect(parseRegistrationNumber(typo)).toBeNull();
  });
});
