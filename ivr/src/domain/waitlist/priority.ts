// Who is invited first. Configurable: the groups are code holders without an appointment (the
// seeds' demand: they were promised one), then age bands, oldest first. The age is taken on the
// day of the run, so a person who turns 90 while waiting moves up at the next run.
import { ageOn } from "../ledger/person.ts";

export interface PrioritySettings {
  /** Lower bounds of the age bands, oldest first: [90, 85, 80] makes 90+, 85–89, 80–84. */
  ageBands: number[];
}

export const DEFAULT_PRIORITY: PrioritySettings = { ageBands: [90, 85, 80] };

/** 0 for a code holder; 1… for the age bands in order; one more for everyone younger. */
export function priorityGroup(
  person: { birthDate: string; codeHolder: boolean },
  now: Date,
  settings: PrioritySettings = DEFAULT_PRIORITY,
): number {
  if (person.codeHolder) return 0;
  const age = ageOn(person.birthDate, now) ?? 0;
  const band = settings.ageBands.findIndex((lower) => age >= lower);
  return band === -1 ? settings.ageBands.length + 1 : band + 1;
}

/** "Buchungscode ohne Termin", "90 und älter", "85–89", "80–84", "jünger": for the supervisor page. */
export function priorityLabel(group: number, settings: PrioritySettings = DEFAULT_PRIORITY): string {
  const bands = settings.ageBands;
  if (group === 0) return "code";
  if (group === 1) return `${bands[0]}+`;
  if (group <= bands.length) return `${bands[group - 1]}-${bands[group - 2]! - 1}`;
  return `<${bands[bands.length - 1]}`;
}
