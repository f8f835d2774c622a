// Who is vaccinated: checked before anything touches the ledger, and reduced to the key
// that finds the same person again (a son booking his mother twice, by phone and by agent).
import { DomainError } from "../errors.ts";
import { berlinParts } from "../time/berlin.ts";
import type { PersonInput } from "./ledger-store.ts";

export function validatePerson(person: PersonInput, now: Date, minAge: number): void {
  if (!/^\d{5}$/.test(person.postcode)) throw new DomainError("postcode_invalid");
  const name = person.name?.trim() ?? "";
  if (!name && !person.nameRecordingUrl) throw new DomainError("person_invalid", { field: "name" });
  if (name.length > 200) throw new DomainError("person_invalid", { field: "name" });
  const age = ageOn(person.birthDate, now);
  if (age === null) throw new DomainError("person_invalid", { field: "birthDate" });
  if (age < minAge) throw new DomainError("not_eligible", { age, minAge });
}

/** Completed years on the Berlin calendar day of `now`; null for an impossible date. */
export function ageOn(birthDate: string, now: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  const today = berlinParts(now);
  if (y < 1900 || y > today.year) return null;
  const hadBirthday = today.month > m || (today.month === m && today.day >= d);
  const age = today.year - y - (hadBirthday ? 0 : 1);
  return age < 0 ? null : age;
}

const FOLD: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/** "Müller,  Käthe" and "mueller kaethe" are the same person (with the same birth date and postcode). */
export function personKey(person: PersonInput): string {
  const name = person.name?.trim();
  if (name) return nameWords(name).sort().join(" ");
  // Only a recording of the name: the phone number is the best identity we have.
  return person.phone ? `tel:${person.phone}` : `rec:${person.nameRecordingUrl ?? ""}`;
}

/** "Müller,  Käthe" → ["mueller", "kaethe"]: lower case, umlauts spelt out, accents and punctuation gone. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => FOLD[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}
