// The invitation calls' reads and the letter fallback's write, in SQL (PostgreSQL and PGlite).
import type { InvitationCallStore, InvitationView } from "../../domain/waitlist/invitation-calls.ts";
import type { Database } from "./open-database.ts";

const VIEW = `SELECT i.id AS invitation_id, e.id AS entry_id, e.registration_number, e.name,
    to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.postcode, e.street, e.city, e.phone, e.consent_sms, e.language,
    i.centre_id, i.hold_id, f.starts_at AS first_starts_at, s.starts_at AS second_starts_at, i.deadline
  FROM waitlist_invitation i
  JOIN waitlist_entry e ON e.id = i.entry_id
  JOIN slot f ON f.id = i.first_slot_id
  JOIN slot s ON s.id = i.second_slot_id`;

type Row = Record<string, unknown>;

export class SqlInvitationCallStore implements InvitationCallStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async toCall(runId: number) {
    const rows = await this.db.query<{ id: number; phone: string; language: string; deadline: Date | string }>(
      `SELECT i.id, e.phone, e.language, i.deadline FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
        WHERE i.run_id = $1 AND i.status = 'invited' AND e.phone IS NOT NULL AND e.consent_calls ORDER BY i.position`,
      [runId],
    );
    return rows.map((r) => ({
      invitationId: r.id,
      phone: r.phone,
      language: r.language,
      deadline: new Date(r.deadline),
    }));
  }

  async open(invitationId: number, now: Date): Promise<InvitationView | null> {
    const rows = await this.db.query(`${VIEW} WHERE i.id = $1 AND i.status = 'invited' AND i.deadline > $2`, [
      invitationId,
      now,
    ]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async openByNumber(registrationNumber: string, now: Date): Promise<InvitationView | null> {
    const rows = await this.db.query(
      `${VIEW} WHERE e.registration_number = $1 AND i.status = 'invited' AND i.deadline > $2 ORDER BY i.id DESC LIMIT 1`,
      [registrationNumber, now],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async bookedForLetter(invitationId: number, bookingId: number, now: Date): Promise<boolean> {
    // The person as the ledger booked them gets letters, with the address the list knows.
    const rows = await this.db.query(
      `WITH inv AS (
         UPDATE waitlist_invitation SET status = 'booked', booking_id = $2, hold_id = NULL, decided_at = $3
          WHERE id = $1 AND status = 'invited' RETURNING entry_id),
       entry AS (
         UPDATE waitlist_entry e SET status = 'booked', updated_at = $3 FROM inv WHERE e.id = inv.entry_id
         RETURNING e.street, e.city)
       UPDATE person p SET letter = TRUE, street = coalesce(p.street, entry.street), city = coalesce(p.city, entry.city)
         FROM booking b, entry WHERE b.id = $2 AND p.id = b.person_id
       RETURNING p.id`,
      [invitationId, bookingId, now],
    );
    return rows.length > 0;
  }
}

function toView(r: Row): InvitationView {
  return {
    invitationId: Number(r.invitation_id),
    entryId: Number(r.entry_id),
    registrationNumber: String(r.registration_number).trim(),
    name: String(r.name),
    birthDate: String(r.birth_date),
    postcode: String(r.postcode).trim(),
    street: (r.street as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    consentSms: Boolean(r.consent_sms),
    language: String(r.language),
    centreId: Number(r.centre_id),
    holdId: (r.hold_id as string | null) ?? null,
    firstStartsAt: new Date(r.first_starts_at as string),
    secondStartsAt: new Date(r.second_starts_at as string),
    deadline: r.deadline ? new Date(r.deadline as string) : null,
  };
}
