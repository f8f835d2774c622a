// A person's rights under the DSGVO, exercised through a supervisor: an access request
// (Art. 15) exports everything the hotline holds about the person; an erasure (Art. 17)
// cancels their appointments and removes or anonymises every trace. Both need a booking code
// or a waiting-list registration number, and the birth date, so a number alone reveals
// nothing, and both are audited. The waiting list is part of both: the person's entries (also
// those merged into them), their invitations and the duplicate pairs they appear in.
import { DomainError } from "../errors.ts";
import { parseBookingCode } from "../ledger/booking-code.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { parseRegistrationNumber } from "../waitlist/registration-number.ts";
import type { RecordingEraser } from "./retention.ts";

export interface PersonRecord {
  id: number;
  name: string | null;
  birthDate: string;
  phone: string | null;
  postcode: string;
  nameRecordingUrl: string | null;
  /** Street and house number and town, for a letter (callers without a mobile phone). */
  street: string | null;
  city: string | null;
  addressRecordingUrl: string | null;
  createdAt: string;
}

export interface WaitlistExport {
  entries: {
    registrationNumber: string;
    status: string;
    name: string;
    birthDate: string;
    postcode: string;
    street: string | null;
    city: string | null;
    phone: string | null;
    registeredBy: string;
    relation: string;
    language: string;
    preferredCentreId: number | null;
    timeOfDay: string;
    needs: { wheelchair: boolean; companion: boolean; interpreter: boolean; homeVisit: boolean };
    consentCalls: boolean;
    consentSms: boolean;
    codeHolder: boolean;
    priorityGroup: number;
    registeredAt: string;
    mergedIntoRegistrationNumber: string | null;
  }[];
  invitations: {
    registrationNumber: string;
    runId: number;
    position: number;
    centre: string;
    firstAppointment: string;
    secondAppointment: string;
    status: string;
    deadline: string | null;
    invitedAt: string;
    decidedAt: string | null;
  }[];
  /** Pairs of entries listed as possibly the same person, with the agent's decision. */
  duplicates: { registrationNumbers: [string, string]; status: string; decidedAt: string | null }[];
}

export interface PersonExport {
  /** The person as the ledger knows them; null for someone who is only on the waiting list. */
  person: PersonRecord | null;
  bookings: {
    code: string;
    status: string;
    channel: string;
    centre: string;
    firstAppointment: string;
    secondAppointment: string;
    bookedAt: string;
    cancelledAt: string | null;
    events: { action: string; channel: string; at: string }[];
  }[];
  callbackRequests: { createdAt: string; status: string; reason: string; phone: string; notes: string | null }[];
  queueEntries: { enqueuedAt: string; reason: string; phone: string | null }[];
  /** Calls whose menu state still names the person (kept at most an hour after the call). */
  callsInMemory: number;
  waitlist: WaitlistExport;
}

/** Whom a request names: the ledger's person and/or waiting-list entries. */
export interface Subject {
  person: PersonRecord | null;
  /** Every waiting-list entry of the person, and those merged into them. */
  entryIds: number[];
}

export interface ErasureStore {
  /** The person a booking code (its written or its keypad form, normalised) belongs to. */
  personByCode(code: string): Promise<PersonRecord | null>;
  /** A waiting-list entry's birth date and the ledger's person of the same key, if any. */
  entryByNumber(
    registrationNumber: string,
  ): Promise<{ entryId: number; birthDate: string; person: PersonRecord | null } | null>;
  /** The person's entries (same name key, birth date, postcode), these, and the entries merged into them. */
  waitlistEntries(personId: number | null, entryIds: number[]): Promise<number[]>;
  exportPerson(subject: Subject): Promise<PersonExport>;
  /** Codes of the person's bookings that are still active. */
  activeCodes(personId: number): Promise<string[]>;
  /** Holds of the entries' open invitations (given back through the ledger before the erasure). */
  openInvitationHolds(entryIds: number[]): Promise<string[]>;
  /** Removes every trace but the anonymised person and bookings; returns what went. */
  erase(subject: Subject, codes: string[], registrationNumbers: string[]): Promise<ErasureReport>;
  audit(agentId: string, action: "person_exported" | "person_erased", details: Record<string, unknown>): Promise<void>;
}

export interface ErasureReport {
  bookingsCancelled: number;
  callbackRequests: number;
  queueEntries: number;
  callSessions: number;
  auditEntriesScrubbed: number;
  recordingDeleted: boolean;
  /** Waiting-list entries deleted, with their invitations and duplicate pairs. */
  waitlistEntries: number;
  waitlistInvitations: number;
}

export class PersonErasure {
  constructor(
    private readonly store: ErasureStore,
    private readonly ledger: Pick<Ledger, "cancel" | "releaseHold">,
    private readonly recordings: RecordingEraser,
  ) {}

  async export(code: string, birthDate: string, by: string): Promise<PersonExport> {
    const subject = await this.identify(code, birthDate);
    const data = await this.store.exportPerson(subject);
    await this.store.audit(by, "person_exported", { personId: subject.person?.id ?? null, entryIds: subject.entryIds });
    return data;
  }

  async erase(code: string, birthDate: string, by: string): Promise<ErasureReport> {
    const subject = await this.identify(code, birthDate);
    const { person } = subject;
    const active = person ? await this.store.activeCodes(person.id) : [];
    // Cancelled through the ledger, so the appointments go back to others at once; so do the
    // pairs held for open invitations.
    for (const c of active) await this.ledger.cancel(c, "agent", by);
    for (const hold of await this.store.openInvitationHolds(subject.entryIds)) await this.ledger.releaseHold(hold);
    const before = await this.store.exportPerson(subject);
    const report = await this.store.erase(
      subject,
      before.bookings.map((b) => b.code),
      before.waitlist.entries.map((e) => e.registrationNumber),
    );
    const recordings = person
      ? [person.nameRecordingUrl, person.addressRecordingUrl].filter((u): u is string => u !== null)
      : [];
    for (const url of recordings) await this.recordings.deleteRecording(url);
    await this.store.audit(by, "person_erased", {
      personId: person?.id ?? null,
      bookingsCancelled: active.length,
      waitlistEntries: report.waitlistEntries,
    });
    return { ...report, bookingsCancelled: active.length, recordingDeleted: recordings.length > 0 };
  }

  /** The same answer for an unknown code or number and a wrong birth date: neither is confirmed. */
  private async identify(code: string, birthDate: string): Promise<Subject> {
    const number = parseRegistrationNumber(code);
    if (number) {
      const entry = await this.store.entryByNumber(number);
      if (!entry || entry.birthDate !== birthDate) throw new DomainError("person_not_found");
      const person = entry.person?.birthDate === birthDate ? entry.person : null;
      return { person, entryIds: await this.store.waitlistEntries(person?.id ?? null, [entry.entryId]) };
    }
    const parsed = parseBookingCode(code);
    if (!parsed.ok) throw new DomainError("person_not_found");
    const person = await this.store.personByCode(parsed.kind === "code" ? parsed.code : parsed.keypad);
    if (!person || person.birthDate !== birthDate) throw new DomainError("person_not_found");
    return { person, entryIds: await this.store.waitlistEntries(person.id, []) };
  }
}
