// Registering once: by an agent in the console, or by a supervisor's import of the residents'
// register. One active entry per person (the ledger's person key): a second registration of
// the same person finds the first and adds what it lacked (a phone number, an address);
// a similar name with the same birth date and postcode is listed for an agent to decide.
import { DomainError } from "../errors.ts";
import type { Geography } from "../geo/geography.ts";
import type { Clock } from "../ledger/ledger.ts";
import { ageOn, nameWords } from "../ledger/person.ts";
import type { TimeOfDay } from "./invitation-plan.ts";
import { DEFAULT_PRIORITY, priorityGroup, type PrioritySettings } from "./priority.ts";
import { parseRegisterCsv, type Rejected } from "./register-import.ts";
import { generateRegistrationNumber } from "./registration-number.ts";
import { namesSimilar } from "./similar-names.ts";
import type { DuplicateRecord, EntryRecord, EntrySource, NewEntry, Relation, WaitlistStore } from "./waitlist-store.ts";

export interface Registration {
  name: string;
  birthDate: string;
  postcode: string;
  street?: string | null;
  city?: string | null;
  phone?: string | null;
  relation?: Relation;
  language?: string;
  preferredCentreId?: number | null;
  timeOfDay?: TimeOfDay;
  wheelchair?: boolean;
  companion?: boolean;
  interpreter?: boolean;
  homeVisit?: boolean;
  consentCalls?: boolean;
  consentSms?: boolean;
  codeHolder?: boolean;
  /** Can come at short notice: called by the standby list for left-over doses. */
  shortNotice?: boolean;
}

export interface RegistrationResult {
  entry: EntryRecord;
  /** false: the person was on the list already (that entry, completed, is returned). */
  created: boolean;
  possibleDuplicates: number;
}

export interface ImportReport {
  rows: number;
  added: number;
  alreadyListed: number;
  possibleDuplicates: number;
  rejected: Rejected[];
}

const NUMBER_ATTEMPTS = 5;

export class Waitlist {
  constructor(
    private readonly store: WaitlistStore,
    private readonly geography: Geography,
    private readonly clock: Clock,
    /** registerFromAge: an announced younger group may register (never above minAge). */
    private readonly settings: { minAge: number; registerFromAge?: number; priority?: PrioritySettings },
  ) {}

  async register(input: Registration, source: EntrySource, by: string): Promise<RegistrationResult> {
    const entry = this.newEntry(input, source, by);
    const [result] = await this.store_(entry ? [entry] : []);
    if (!result) throw new DomainError("person_invalid", { field: "name" });
    return result;
  }

  /** Imports a register extract (CSV); idempotent: a second import of the same file adds nothing. */
  async importRegister(csv: string, by: string): Promise<ImportReport> {
    const parsed = parseRegisterCsv(csv);
    const rejected = [...parsed.rejected];
    const entries: NewEntry[] = [];
    for (const row of parsed.rows) {
      try {
        entries.push(
          this.newEntry(
            {
              name: row.name,
              birthDate: row.birthDate,
              postcode: row.postcode,
              street: row.street,
              city: row.city || null,
              phone: row.phone,
              relation: "self",
              shortNotice: row.shortNotice,
            },
            "import",
            by,
          ),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ line: row.line, reason: REASONS[error.code] ?? "Zeile ungültig" });
      }
    }
    const results = await this.store_(entries);
    rejected.sort((a, b) => a.line - b.line);
    const report: ImportReport = {
      rows: parsed.rows.length + parsed.rejected.filter((r) => r.line > 1).length,
      added: results.filter((r) => r.created).length,
      alreadyListed: results.filter((r) => !r.created).length,
      possibleDuplicates: results.reduce((sum, r) => sum + r.possibleDuplicates, 0),
      rejected,
    };
    await this.store.audit(by, "waitlist.import", { ...report, rejected: report.rejected.length });
    return report;
  }

  async byNumber(registrationNumber: string): Promise<EntryRecord> {
    const entry = await this.store.entryByNumber(registrationNumber);
    if (!entry) throw new DomainError("waitlist_unknown");
    return entry;
  }

  async withdraw(registrationNumber: string, by: string): Promise<EntryRecord> {
    const entry = await this.byNumber(registrationNumber);
    if (!(await this.store.setStatus(entry.id, "withdrawn", ["waiting"], this.clock.now())))
      throw new DomainError("waitlist_unknown");
    await this.store.audit(by, "waitlist.withdraw", { entryId: entry.id });
    return (await this.store.entryById(entry.id))!;
  }

  duplicates(limit = 100): Promise<DuplicateRecord[]> {
    return this.store.openDuplicates(limit);
  }

  /** An agent's decision on a possible duplicate: merged into the older entry, or kept apart. */
  async decide(duplicateId: number, decision: "merge" | "apart", by: string): Promise<EntryRecord[]> {
    const pair = await this.store.duplicate(duplicateId);
    if (!pair) throw new DomainError("duplicate_unknown");
    const now = this.clock.now();
    if (!(await this.store.decideDuplicate(duplicateId, decision === "merge" ? "merged" : "apart", by, now)))
      throw new DomainError("duplicate_unknown");
    if (decision === "merge") {
      const [keep, gone] =
        pair.entry.registeredAt <= pair.other.registeredAt ? [pair.entry, pair.other] : [pair.other, pair.entry];
      await this.store.fillMissing(keep.id, { phone: gone.phone, street: gone.street, city: gone.city });
      await this.store.mergeInto(keep.id, gone.id, now);
    }
    await this.store.audit(by, "waitlist.duplicate", { duplicateId, decision });
    return Promise.all([pair.entry.id, pair.other.id].map(async (id) => (await this.store.entryById(id))!));
  }

  private newEntry(input: Registration, source: EntrySource, by: string): NewEntry {
    const now = this.clock.now();
    const name = input.name.trim().replace(/\s+/g, " ");
    if (!name || name.length > 200 || nameWords(name).length === 0)
      throw new DomainError("person_invalid", { field: "name" });
    const age = ageOn(input.birthDate, now);
    if (age === null || age > 125) throw new DomainError("person_invalid", { field: "birthDate" });
    const from = Math.min(this.settings.registerFromAge ?? this.settings.minAge, this.settings.minAge);
    if (age < from) throw new DomainError("not_eligible", { age, minAge: from });
    const lookup = this.geography.lookupPostcode(input.postcode);
    if (lookup.kind === "invalid") throw new DomainError("postcode_invalid");
    if (lookup.kind === "unknown") throw new DomainError("postcode_unknown");
    if (lookup.kind === "outside") throw new DomainError("outside_service_area", { states: lookup.states });
    const district = lookup.matches[0]!.district;
    const preferred = input.preferredCentreId ?? null;
    if (preferred !== null && !this.geography.districtOfCentre(preferred)) throw new DomainError("centre_unknown");
    const codeHolder = input.codeHolder ?? false;
    return {
      registrationNumber: generateRegistrationNumber(),
      nameKey: nameWords(name).sort().join(" "),
      name,
      birthDate: input.birthDate,
      postcode: input.postcode,
      street: input.street?.trim() || null,
      city: input.city?.trim() || (lookup.matches[0]!.places.length === 1 ? lookup.matches[0]!.places[0]! : null),
      phone: input.phone ?? null,
      source,
      registeredBy: by,
      relation: input.relation ?? "self",
      language: input.language ?? "de",
      regionId: district.regionId,
      districtId: district.id,
      preferredCentreId: preferred,
      timeOfDay: input.timeOfDay ?? "any",
      wheelchair: input.wheelchair ?? false,
      companion: input.companion ?? false,
      interpreter: input.interpreter ?? false,
      homeVisit: input.homeVisit ?? false,
      consentCalls: input.consentCalls ?? false,
      consentSms: input.consentSms ?? false,
      codeHolder,
      shortNotice: input.shortNotice ?? false,
      priorityGroup: priorityGroup(
        { birthDate: input.birthDate, codeHolder },
        now,
        this.settings.priority ?? DEFAULT_PRIORITY,
      ),
      registeredAt: now,
    };
  }

  /** Stores new entries in bulk: known people are completed instead, similar names listed. */
  private async store_(entries: NewEntry[]): Promise<RegistrationResult[]> {
    const results = new Map<string, RegistrationResult>();
    let pending = entries;
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS && pending.length > 0; attempt++) {
      const inserted = await this.store.insertEntries(pending);
      const missing = pending.filter((e) => !inserted.has(e.registrationNumber));
      const known = new Map(
        (await this.store.activeEntries(missing)).map((e) => [`${e.nameKey}|${e.birthDate}|${e.postcode}`, e]),
      );
      const retry: NewEntry[] = [];
      for (const e of missing) {
        const existing = known.get(`${e.nameKey}|${e.birthDate}|${e.postcode}`);
        if (!existing)
          retry.push({ ...e, registrationNumber: generateRegistrationNumber() }); // a number collision
        else {
          await this.store.fillMissing(existing.id, e);
          results.set(e.registrationNumber, { entry: existing, created: false, possibleDuplicates: 0 });
        }
      }
      for (const e of pending) {
        const id = inserted.get(e.registrationNumber);
        if (id !== undefined)
          results.set(e.registrationNumber, {
            entry: { ...e, id, status: "waiting", mergedIntoId: null },
            created: true,
            possibleDuplicates: 0,
          });
      }
      pending = retry;
    }
    await this.listDuplicates([...results.values()].filter((r) => r.created));
    return [...results.values()];
  }

  private async listDuplicates(created: RegistrationResult[]): Promise<void> {
    if (created.length === 0) return;
    const around = await this.store.entriesBornIn(created.map((r) => r.entry));
    const pairs: [number, number][] = [];
    for (const r of created) {
      for (const other of around) {
        if (other.id === r.entry.id || other.birthDate !== r.entry.birthDate || other.postcode !== r.entry.postcode)
          continue;
        if (!namesSimilar(other.name, r.entry.name)) continue;
        pairs.push([Math.min(other.id, r.entry.id), Math.max(other.id, r.entry.id)]);
        r.possibleDuplicates++;
      }
    }
    if (pairs.length > 0) await this.store.addDuplicates(pairs);
  }
}

const REASONS: Record<string, string> = {
  person_invalid: "Name oder Geburtsdatum ungültig",
  not_eligible: "Jünger als die aufgerufene Altersgruppe",
  postcode_invalid: "Postleitzahl ungültig",
  postcode_unknown: "Postleitzahl unbekannt",
  outside_service_area: "Postleitzahl außerhalb von NRW und Hessen",
  centre_unknown: "Impfzentrum unbekannt",
};
