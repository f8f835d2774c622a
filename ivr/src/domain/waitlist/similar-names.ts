// Whether two entries with the same birth date and postcode may be one person: a phone
// registration ("Käthe Müller") and a register row ("Müller-Lüdenscheidt, Katharina") rarely
// agree letter for letter. Certain (the same normalised name) is merged at once; similar is
// listed for an agent to decide; anything else is left apart.
import { nameWords } from "../ledger/person.ts";

export function namesSimilar(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.some((w) => w.length >= 3 && wb.includes(w))) return true;
  const ka = [...wa].sort().join(" ");
  const kb = [...wb].sort().join(" ");
  return editDistance(ka, kb) <= Math.max(2, Math.floor(Math.min(ka.length, kb.length) / 5));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
