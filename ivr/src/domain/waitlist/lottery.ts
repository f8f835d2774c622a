// The verifiable lottery of an invitation run. Before the run, two SHA-256 digests are
// published: of the seed, and of the frozen list (every waiting entry's priority group and
// registration number, one "group number" line each, sorted). After the run the seed itself is
// published. Anyone can then recompute every rank, HMAC-SHA256(seed, registration number), and
// so the whole order: by priority group, then by rank. Registration time plays no part, and
// neither the operator (committed to the seed) nor anyone registering late (committed to the
// list) can steer it. No personal data is in either: the list holds numbers only.
import { createHash, createHmac, randomBytes } from "node:crypto";

export interface ListMember {
  group: number;
  registrationNumber: string;
}

export interface RankedMember extends ListMember {
  /** 0-based place in the run's order. */
  position: number;
}

/** 32 bytes from the cryptographic generator, as 64 hex characters (that text is the HMAC key). */
export function drawSeed(): string {
  return randomBytes(32).toString("hex");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** HMAC-SHA256 keyed with the seed's hex text, over the registration number's ten digits. */
export function lotteryRank(seed: string, registrationNumber: string): string {
  return createHmac("sha256", seed).update(registrationNumber, "utf8").digest("hex");
}

/** The frozen list as published: "group number\n" per member, sorted by group, then number. */
export function frozenListText(members: readonly ListMember[]): string {
  const sorted = [...members].sort(byGroupThenNumber);
  let text = "";
  for (const m of sorted) text += `${m.group} ${m.registrationNumber}\n`;
  return text;
}

export function parseFrozenList(text: string): ListMember[] {
  const { groups, numbers } = parseFrozenListCompact(text);
  return Array.from(numbers, (n, i) => ({ group: groups[i]!, registrationNumber: String(n) }));
}

/** A frozen list as two typed arrays: a million members in 9 MB instead of a million objects. */
export interface CompactList {
  groups: Uint8Array;
  /** Registration numbers as numbers: ten digits, never a leading zero, so String() gives them back. */
  numbers: Float64Array;
}

export function parseFrozenListCompact(text: string): CompactList {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const groups = new Uint8Array(count + 1);
  const numbers = new Float64Array(count + 1);
  let at = 0;
  let n = 0;
  while (at < text.length) {
    const end = text.indexOf("\n", at);
    const line = text.slice(at, end === -1 ? text.length : end);
    at = end === -1 ? text.length : end + 1;
    if (!line) continue;
    const match = /^(\d{1,3}) ([1-9]\d{9})$/.exec(line);
    if (!match || Number(match[1]) > 255) throw new Error(`not a frozen-list line: ${JSON.stringify(line)}`);
    groups[n] = Number(match[1]);
    numbers[n++] = Number(match[2]);
  }
  return { groups: groups.subarray(0, n), numbers: numbers.subarray(0, n) };
}

/**
 * The run's order as indexes into the list: priority group first, then the lottery rank (as 64
 * hex characters compared as text; the number breaks a tie, never seen in practice). Sorted on
 * the rank's first 52 bits as a number, the full rank only where those agree, so a million
 * members sort without a million 64-character strings or objects in memory.
 */
export function compactOrder(seed: string, list: CompactList): Uint32Array {
  const { groups, numbers } = list;
  const n = numbers.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = parseInt(lotteryRank(seed, String(numbers[i])).slice(0, 13), 16);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      groups[a]! - groups[b]! ||
      keys[a]! - keys[b]! ||
      compare(lotteryRank(seed, String(numbers[a])), lotteryRank(seed, String(numbers[b]))) ||
      numbers[a]! - numbers[b]!,
  );
  return order;
}

/** The run's order as objects (tests, verification, a person checking their own place). */
export function lotteryOrder(seed: string, members: readonly ListMember[]): RankedMember[] {
  const list: CompactList = {
    groups: Uint8Array.from(members, (m) => m.group),
    numbers: Float64Array.from(members, (m) => Number(m.registrationNumber)),
  };
  return Array.from(compactOrder(seed, list), (i, position) => ({ ...members[i]!, position }));
}

export interface PublishedRun {
  seed: string;
  seedHash: string;
  listHash: string;
  frozenList: string;
}

export type Verification =
  | { ok: true; order: RankedMember[] }
  | { ok: false; reason: "seed_hash_mismatch" | "list_hash_mismatch" | "order_mismatch"; detail?: string };

/**
 * Checks a run against what was published before it; when `recorded` is given (registration
 * number → position the run gave it), also that the run invited in exactly the recomputed order.
 */
export function verifyRun(published: PublishedRun, recorded?: ReadonlyMap<string, number>): Verification {
  if (sha256Hex(published.seed) !== published.seedHash) return { ok: false, reason: "seed_hash_mismatch" };
  if (sha256Hex(published.frozenList) !== published.listHash) return { ok: false, reason: "list_hash_mismatch" };
  const order = lotteryOrder(published.seed, parseFrozenList(published.frozenList));
  if (recorded) {
    const byNumber = new Map(order.map((m) => [m.registrationNumber, m.position]));
    for (const [number, position] of recorded) {
      if (byNumber.get(number) !== position)
        return {
          ok: false,
          reason: "order_mismatch",
          detail: `${number}: run ${position}, recomputed ${byNumber.get(number)}`,
        };
    }
  }
  return { ok: true, order };
}

/** Spearman's rank correlation of two equally long sequences (no ties expected: positions). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return 0;
  const rx = ranks(xs);
  const ry = ranks(ys);
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (rx[i]! - ry[i]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

function ranks(values: readonly number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Array<number>(values.length);
  idx.forEach((i, r) => (out[i] = r));
  return out;
}

function byGroupThenNumber(a: ListMember, b: ListMember): number {
  return a.group - b.group || compare(a.registrationNumber, b.registrationNumber);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
