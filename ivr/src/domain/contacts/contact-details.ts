// A booking's name and postal address, beyond what the ledger needs to book: the centre's list
// and the letter to a caller without a mobile phone need them typed. The phone menu takes
// both as speech and says them back; what speech could not settle stays a recording, and
// agents type it from a worklist. Once typed, the recordings are deleted at the provider.
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { RecordingEraser } from "../privacy/retention.ts";

/** What the phone menu learned besides the ledger's person: saved with the booking. */
export interface ContactDetails {
  /** "speech": said back to the caller and confirmed; null: only the recording, if any. */
  nameSource: "speech" | "typed" | null;
  street: string | null;
  city: string | null;
  addressRecordingUrl: string | null;
  /** The confirmation goes by letter (no mobile phone to send an SMS to). */
  letter: boolean;
  /** The phone menu's language: the reminder and any notice are spoken in it. Absent: left as it is. */
  language?: string | null;
}

export type WorklistNeed = "name" | "address";

export interface WorklistItem {
  personId: number;
  bookedAt: string; // ISO
  code: string;
  keypadCode: string;
  birthDate: string; // YYYY-MM-DD
  postcode: string;
  /** Places sharing the postcode, to pick the town from. */
  places: string[];
  name: string | null;
  street: string | null;
  city: string | null;
  letter: boolean;
  hasNameRecording: boolean;
  hasAddressRecording: boolean;
  needs: WorklistNeed[];
}

export interface WorklistRow extends Omit<
  WorklistItem,
  "needs" | "places" | "hasNameRecording" | "hasAddressRecording"
> {
  nameRecordingUrl: string | null;
  addressRecordingUrl: string | null;
}

export interface TypedDetails {
  name: string;
  street: string | null;
  city: string | null;
}

export interface ContactStore {
  saveDetails(bookingCode: string, details: ContactDetails): Promise<void>;
  /**
   * An agent booked during a call or a callback: the person takes that call's language (the
   * queue's or the callback's), so the reminder speaks it. Nothing changes without either.
   */
  saveCallLanguage(bookingCode: string, call: { callSid: string | null; callbackId: number | null }): Promise<void>;
  /** Oldest first: people whose name or (for a letter) address still needs typing. */
  worklist(limit: number): Promise<WorklistRow[]>;
  row(personId: number): Promise<WorklistRow | null>;
  /** Writes the typed details, marks them checked and forgets the recordings' URLs. */
  complete(personId: number, typed: TypedDetails, by: string, now: Date): Promise<void>;
  audit(
    agentId: string,
    action: "contact_checked" | "recording_heard",
    details: Record<string, unknown>,
  ): Promise<void>;
}

export interface RecordingSource {
  fetchRecording(url: string): Promise<{ contentType: string; body: Uint8Array }>;
}

const MAX_TEXT = 200;

export class Worklist {
  constructor(
    private readonly store: ContactStore,
    private readonly recordings: RecordingEraser & RecordingSource,
    private readonly placesOf: (postcode: string) => string[],
    private readonly clock: Clock,
  ) {}

  async list(limit = 50): Promise<WorklistItem[]> {
    const rows = await this.store.worklist(limit);
    return rows.map((row) => this.item(row));
  }

  /** The recording an agent types from; every listen is audited (it is a person's voice). */
  async recording(personId: number, which: WorklistNeed, by: string) {
    const row = await this.store.row(personId);
    const url = which === "name" ? row?.nameRecordingUrl : row?.addressRecordingUrl;
    if (!row || !url) throw new DomainError("worklist_unknown");
    await this.store.audit(by, "recording_heard", { personId, which });
    return this.recordings.fetchRecording(url);
  }

  async complete(personId: number, input: TypedDetails, by: string): Promise<WorklistItem> {
    const row = await this.store.row(personId);
    if (!row) throw new DomainError("worklist_unknown");
    const typed = clean(input);
    if (!typed.name) throw new DomainError("contact_incomplete", { field: "name" });
    if (row.letter && (!typed.street || !typed.city)) throw new DomainError("contact_incomplete", { field: "address" });
    await this.store.complete(personId, typed, by, this.clock.now());
    await this.store.audit(by, "contact_checked", { personId });
    // The typed text is now the record; the voice is no longer needed. A provider that refuses
    // is retried by the retention run's own deletion at the latest (the URL names no one).
    for (const url of [row.nameRecordingUrl, row.addressRecordingUrl]) {
      if (url) await this.recordings.deleteRecording(url).catch(() => undefined);
    }
    const after = await this.store.row(personId);
    return this.item(after ?? row);
  }

  private item(row: WorklistRow): WorklistItem {
    const { nameRecordingUrl, addressRecordingUrl, ...rest } = row;
    return {
      ...rest,
      hasNameRecording: nameRecordingUrl !== null,
      hasAddressRecording: addressRecordingUrl !== null,
      places: this.placesOf(row.postcode),
      needs: needsOf(row),
    };
  }
}

export function needsOf(row: Pick<WorklistRow, "name" | "letter" | "street" | "city">): WorklistNeed[] {
  const needs: WorklistNeed[] = [];
  if (!row.name) needs.push("name");
  if (row.letter && (!row.street || !row.city)) needs.push("address");
  return needs;
}

function clean(input: TypedDetails): TypedDetails {
  const text = (v: string | null) => {
    const t = (v ?? "").replace(/\s+/g, " ").trim();
    if (t.length > MAX_TEXT) throw new DomainError("contact_incomplete", { field: "length" });
    return t || null;
  };
  return { name: text(input.name) ?? "", street: text(input.street), city: text(input.city) };
}
