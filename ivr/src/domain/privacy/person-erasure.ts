// A person's rights under the DSGVO, exercised through a supervisor: an access request
// (Art. 15) exports everything the hotline holds about the person; an erasure (Art. 17)
// cancels their appointments and removes or anonymises every trace. Both need the booking
// code and the birth date, so a code alone reveals nothing, and both are audited.
import { DomainError } from "../errors.ts";
import { parseBookingCode } from "../ledger/booking-code.ts";
import type { Ledger } from "../ledger/ledger.ts";
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

export interface PersonExport {
  person: PersonRecord;
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
}

export interface ErasureStore {
  /** The person a booking code (its written or its keypad form, normalised) belongs to. */
  personByCode(code: string): Promise<PersonRecord | null>;
  exportPerson(person: PersonRecord): Promise<PersonExport>;
  /** Codes of the person's bookings that are still active. */
  activeCodes(personId: number): Promise<string[]>;
  /** Removes every trace but the anonymised person and bookings; returns what went. */
  erase(person: PersonRecord, codes: string[]): Promise<ErasureReport>;
  audit(agentId: string, action: "person_exported" | "person_erased", details: Record<string, unknown>): Promise<void>;
}

export interface ErasureReport {
  bookingsCancelled: number;
  callbackRequests: number;
  queueEntries: number;
  callSessions: number;
  auditEntriesScrubbed: number;
  recordingDeleted: boolean;
}

export class PersonErasure {
  constructor(
    private readonly store: ErasureStore,
    private readonly ledger: Pick<Ledger, "cancel">,
    private readonly recordings: RecordingEraser,
  ) {}

  async export(code: string, birthDate: string, by: string): Promise<PersonExport> {
    const person = await this.identify(code, birthDate);
    const data = await this.store.exportPerson(person);
    await this.store.audit(by, "person_exported", { personId: person.id });
    return data;
  }

  async erase(code: string, birthDate: string, by: string): Promise<ErasureReport> {
    const person = await this.identify(code, birthDate);
    const active = await this.store.activeCodes(person.id);
    // Cancelled through the ledger, so the appointments go back to others at once.
    for (const c of active) await this.ledger.cancel(c, "agent", by);
    const allCodes = (await this.store.exportPerson(person)).bookings.map((b) => b.code);
    const report = await this.store.erase(person, allCodes);
    const recordings = [person.nameRecordingUrl, person.addressRecordingUrl].filter((u): u is string => u !== null);
    for (const url of recordings) await this.recordings.deleteRecording(url);
    await this.store.audit(by, "person_erased", { personId: person.id, bookingsCancelled: active.length });
    return { ...report, bookingsCancelled: active.length, recordingDeleted: recordings.length > 0 };
  }

  /** The same answer for an unknown code and a wrong birth date: neither is confirmed. */
  private async identify(code: string, birthDate: string): Promise<PersonRecord> {
    const parsed = parseBookingCode(code);
    if (!parsed.ok) throw new DomainError("person_not_found");
    const person = await this.store.personByCode(parsed.kind === "code" ? parsed.code : parsed.keypad);
    if (!person || person.birthDate !== birthDate) throw new DomainError("person_not_found");
    return person;
  }
}
