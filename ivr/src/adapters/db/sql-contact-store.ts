// Names and addresses beside the ledger's person row, and the agents' worklist of what speech
// could not settle. The worklist query follows the partial index person_needs_check_idx.
import type { ContactDetails, ContactStore, TypedDetails, WorklistRow } from "../../domain/contacts/contact-details.ts";
import type { Database } from "./open-database.ts";

const NEEDS_CHECK = `p.checked_at IS NULL AND (p.name IS NULL OR (p.letter AND (p.street IS NULL OR p.city IS NULL)))`;

// The date as text: the driver would turn a DATE into local midnight, a day early in UTC.
const COLUMNS = `p.id, p.name, p.street, p.city, p.letter, p.postcode, p.name_recording_url, p.address_recording_url,
  to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, b.code, b.keypad_code, b.created_at`;

interface Row extends Record<string, unknown> {
  id: number;
  name: string | null;
  street: string | null;
  city: string | null;
  letter: boolean;
  postcode: string;
  name_recording_url: string | null;
  address_recording_url: string | null;
  birth_date: string;
  code: string;
  keypad_code: string;
  created_at: Date | string;
}

export class SqlContactStore implements ContactStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async saveDetails(bookingCode: string, d: ContactDetails): Promise<void> {
    // coalesce: a household member booked in the same call keeps what was said for the first.
    await this.db.query(
      `UPDATE person p SET name_source = coalesce($2, p.name_source), street = coalesce($3, p.street),
              city = coalesce($4, p.city), address_recording_url = coalesce($5, p.address_recording_url),
              letter = p.letter OR $6, language = coalesce($7, p.language)
         FROM booking b WHERE b.code = $1 AND p.id = b.person_id`,
      [bookingCode, d.nameSource, d.street, d.city, d.addressRecordingUrl, d.letter, d.language ?? null],
    );
  }

  async saveCallLanguage(
    bookingCode: string,
    call: { callSid: string | null; callbackId: number | null },
  ): Promise<void> {
    if (!call.callSid && call.callbackId === null) return;
    await this.db.query(
      `UPDATE person p SET language = coalesce((SELECT language FROM queued_call WHERE call_sid = $2),
                                               (SELECT language FROM callback_request WHERE id = $3), p.language)
         FROM booking b WHERE b.code = $1 AND p.id = b.person_id`,
      [bookingCode, call.callSid, call.callbackId],
    );
  }

  async worklist(limit: number): Promise<WorklistRow[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM person p
         JOIN booking b ON b.person_id = p.id AND b.status = 'active'
        WHERE ${NEEDS_CHECK}
        ORDER BY p.created_at, p.id LIMIT $1`,
      [limit],
    );
    return rows.map(toRow);
  }

  async row(personId: number): Promise<WorklistRow | null> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM person p
         JOIN booking b ON b.person_id = p.id AND b.status = 'active'
        WHERE p.id = $1 AND ${NEEDS_CHECK}`,
      [personId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async complete(personId: number, typed: TypedDetails, by: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE person SET name = $2, name_source = 'typed', street = $3, city = $4,
              name_recording_url = NULL, address_recording_url = NULL, checked_at = $5, checked_by = $6
        WHERE id = $1`,
      [personId, typed.name, typed.street, typed.city, now, by],
    );
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ($1, $2, $3::jsonb)`, [
      agentId,
      action,
      JSON.stringify(details),
    ]);
  }
}

function toRow(r: Row): WorklistRow {
  return {
    personId: r.id,
    bookedAt: new Date(r.created_at).toISOString(),
    code: r.code,
    keypadCode: r.keypad_code,
    birthDate: r.birth_date,
    postcode: r.postcode,
    name: r.name,
    street: r.street,
    city: r.city,
    letter: r.letter,
    nameRecordingUrl: r.name_recording_url,
    addressRecordingUrl: r.address_recording_url,
  };
}
