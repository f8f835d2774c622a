// The waiting list's part of a person's export and erasure (DSGVO Art. 15 and 17) in SQL: the
// person's entries, those merged into them, their invitations and the duplicate pairs they are
// in. Deleting the entries deletes invitations and duplicate pairs with them (ON DELETE CASCADE);
// held pairs are given back through the ledger before (person-erasure.ts).
import type { WaitlistExport } from "../../domain/privacy/person-erasure.ts";
import type { Database } from "./open-database.ts";

type Db = Pick<Database, "query">;

/** Entries of the ledger's person (same key), the given ones, and every entry merged into those. */
export async function waitlistEntriesOf(db: Db, personId: number | null, entryIds: number[]): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `WITH RECURSIVE own AS (
       SELECT e.id FROM waitlist_entry e JOIN person p
           ON p.name_key = e.name_key AND p.birth_date = e.birth_date AND p.postcode = e.postcode
        WHERE p.id = $1
       UNION SELECT unnest($2::int[])
       UNION SELECT m.id FROM waitlist_entry m JOIN own ON m.merged_into_id = own.id)
     SELECT DISTINCT id FROM own ORDER BY id`,
    [personId, entryIds],
  );
  return rows.map((r) => r.id);
}

export async function openInvitationHolds(db: Db, entryIds: number[]): Promise<string[]> {
  if (entryIds.length === 0) return [];
  const rows = await db.query<{ hold_id: string }>(
    `SELECT hold_id FROM waitlist_invitation WHERE entry_id = ANY ($1::int[]) AND status = 'invited' AND hold_id IS NOT NULL`,
    [entryIds],
  );
  return rows.map((r) => r.hold_id);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function exportWaitlist(db: Db, entryIds: number[]): Promise<WaitlistExport> {
  if (entryIds.length === 0) return { entries: [], invitations: [], duplicates: [] };
  const entries = await db.query<Record<string, unknown>>(
    `SELECT e.registration_number, e.status, e.name, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date, e.postcode,
            e.street, e.city, e.phone, e.registered_by, e.relation, e.language, e.preferred_centre_id, e.time_of_day,
            e.wheelchair, e.companion, e.interpreter, e.home_visit, e.consent_calls, e.consent_sms, e.code_holder,
            e.priority_group, e.registered_at, m.registration_number AS merged_into
       FROM waitlist_entry e LEFT JOIN waitlist_entry m ON m.id = e.merged_into_id
      WHERE e.id = ANY ($1::int[]) ORDER BY e.id`,
    [entryIds],
  );
  const invitations = await db.query<Record<string, unknown>>(
    `SELECT e.registration_number, i.run_id, i.position, c.name AS centre, f.starts_at AS first, s.starts_at AS second,
            i.status, i.deadline, i.created_at, i.decided_at
       FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
       JOIN slot f ON f.id = i.first_slot_id JOIN slot s ON s.id = i.second_slot_id JOIN centre c ON c.id = i.centre_id
      WHERE i.entry_id = ANY ($1::int[]) ORDER BY i.id`,
    [entryIds],
  );
  const duplicates = await db.query<{ a: string; b: string; status: string; decided_at: Date | null }>(
    `SELECT a.registration_number AS a, b.registration_number AS b, d.status, d.decided_at
       FROM waitlist_duplicate d JOIN waitlist_entry a ON a.id = d.entry_id JOIN waitlist_entry b ON b.id = d.other_id
      WHERE d.entry_id = ANY ($1::int[]) OR d.other_id = ANY ($1::int[]) ORDER BY d.id`,
    [entryIds],
  );
  const number = (v: unknown) => String(v).trim();
  return {
    entries: entries.map((e) => ({
      registrationNumber: number(e.registration_number),
      status: e.status as string,
      name: e.name as string,
      birthDate: e.birth_date as string,
      postcode: e.postcode as string,
      street: (e.street as string | null) ?? null,
      city: (e.city as string | null) ?? null,
      phone: (e.phone as string | null) ?? null,
      registeredBy: e.registered_by as string,
      relation: e.relation as string,
      language: e.language as string,
      preferredCentreId: (e.preferred_centre_id as number | null) ?? null,
      timeOfDay: e.time_of_day as string,
      needs: {
        wheelchair: e.wheelchair as boolean,
        companion: e.companion as boolean,
        interpreter: e.interpreter as boolean,
        homeVisit: e.home_visit as boolean,
      },
      consentCalls: e.consent_calls as boolean,
      consentSms: e.consent_sms as boolean,
      codeHolder: e.code_holder as boolean,
      priorityGroup: e.priority_group as number,
      registeredAt: iso(e.registered_at as Date)!,
      mergedIntoRegistrationNumber: e.merged_into ? number(e.merged_into) : null,
    })),
    invitations: invitations.map((i) => ({
      registrationNumber: number(i.registration_number),
      runId: i.run_id as number,
      position: i.position as number,
      centre: i.centre as string,
      firstAppointment: iso(i.first as Date)!,
      secondAppointment: iso(i.second as Date)!,
      status: i.status as string,
      deadline: iso((i.deadline as Date | null) ?? null),
      invitedAt: iso(i.created_at as Date)!,
      decidedAt: iso((i.decided_at as Date | null) ?? null),
    })),
    duplicates: duplicates.map((d) => ({
      registrationNumbers: [number(d.a), number(d.b)],
      status: d.status,
      decidedAt: iso(d.decided_at),
    })),
  };
}

/** Deletes the entries; their invitations and duplicate pairs go with them. */
export async function eraseWaitlist(db: Db, entryIds: number[]) {
  if (entryIds.length === 0) return { waitlistEntries: 0, waitlistInvitations: 0 };
  const [invitations] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM waitlist_invitation WHERE entry_id = ANY ($1::int[])`,
    [entryIds],
  );
  // Entries merged into one of these point at it; they are erased too, so the link goes first.
  await db.query(`UPDATE waitlist_entry SET merged_into_id = NULL WHERE merged_into_id = ANY ($1::int[])`, [entryIds]);
  const deleted = await db.query(`DELETE FROM waitlist_entry WHERE id = ANY ($1::int[]) RETURNING id`, [entryIds]);
  return { waitlistEntries: deleted.length, waitlistInvitations: invitations?.n ?? 0 };
}
