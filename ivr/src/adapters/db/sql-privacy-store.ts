// Retention and erasure in SQL, the same on PostgreSQL and PGlite. Deletions go in batches
// so that a first run over a year of data holds no long locks on busy tables.
import type {
  ErasureReport,
  ErasureStore,
  PersonExport,
  PersonRecord,
  Subject,
} from "../../domain/privacy/person-erasure.ts";
import type { RetentionStore } from "../../domain/privacy/retention.ts";
import type { Database } from "./open-database.ts";
import { eraseWaitlist, exportWaitlist, openInvitationHolds, waitlistEntriesOf } from "./sql-waitlist-privacy.ts";

const BATCH = 5_000;
const ANONYMISED = "anonymised:";

export class SqlPrivacyStore implements RetentionStore, ErasureStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  private async inBatches(sql: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const n = (await this.db.query(sql, [...params, BATCH])).length;
      total += n;
      if (n < BATCH) break;
    }
    return total;
  }

  deleteQueueEntriesBefore(before: Date): Promise<number> {
    // Left or bridged long ago, and waiting rows whose call was never reported as over.
    return this.inBatches(
      `DELETE FROM queued_call WHERE call_sid IN (
         SELECT call_sid FROM queued_call
          WHERE coalesce(ended_at, left_at, enqueued_at) < $1 LIMIT $2) RETURNING call_sid`,
      [before],
    );
  }

  async deleteConversationsBefore(before: Date): Promise<number> {
    await this.inBatches(
      `DELETE FROM agent_offer WHERE id IN (
         SELECT id FROM agent_offer WHERE status <> 'open' AND offered_at < $1 LIMIT $2) RETURNING id`,
      [before],
    );
    return this.inBatches(
      `DELETE FROM conversation WHERE id IN (
         SELECT id FROM conversation WHERE closed_at < $1 LIMIT $2) RETURNING id`,
      [before],
    );
  }

  async deleteClosedCallbacksBefore(before: Date): Promise<number> {
    const due = `SELECT id FROM callback_request
                  WHERE status IN ('done', 'failed', 'expired') AND coalesce(done_at, updated_at) < $1`;
    await this.inBatches(
      `DELETE FROM callback_attempt WHERE id IN (
         SELECT id FROM callback_attempt WHERE request_id IN (${due}) LIMIT $2) RETURNING id`,
      [before],
    );
    const callbacks = await this.inBatches(`DELETE FROM callback_request WHERE id IN (${due} LIMIT $2) RETURNING id`, [
      before,
    ]);
    // The outbound scheduler's finished calls (a phone number and how the call ended) go with them.
    await this.inBatches(
      `DELETE FROM outbound_call WHERE id IN (
         SELECT id FROM outbound_call WHERE status IN ('done', 'gave-up', 'cancelled', 'expired') AND updated_at < $1
          LIMIT $2) RETURNING id`,
      [before],
    );
    return callbacks;
  }

  async anonymisePeople(appointmentsBefore: Date, cancelledBefore: Date) {
    const recordings: string[] = [];
    let people = 0;
    for (let i = 0; i < 100; i++) {
      const rows = await this.db.query<{ recording: string | null; address_recording: string | null }>(
        `WITH due AS (
           SELECT p.id, p.name_recording_url, p.address_recording_url FROM person p
            WHERE p.name_key NOT LIKE '${ANONYMISED}%' AND p.created_at < $2
              AND NOT EXISTS (
                SELECT 1 FROM booking b JOIN slot second ON second.id = b.second_slot_id
                 WHERE b.person_id = p.id
                   AND ((b.status = 'active' AND second.starts_at >= $1)
                     OR (b.status <> 'active' AND coalesce(b.cancelled_at, b.created_at) >= $2)))
            ORDER BY p.id LIMIT $3)
         UPDATE person p SET ${ANONYMISE_SET} FROM due WHERE p.id = due.id
         RETURNING due.name_recording_url AS recording, due.address_recording_url AS address_recording`,
        [appointmentsBefore, cancelledBefore, BATCH],
      );
      people += rows.length;
      for (const r of rows) {
        if (r.recording) recordings.push(r.recording);
        if (r.address_recording) recordings.push(r.address_recording);
      }
      if (rows.length < BATCH) break;
    }
    return { people, recordings };
  }

  deleteAuditBefore(before: Date): Promise<number> {
    return this.inBatches(
      `DELETE FROM supervisor_action WHERE id IN (SELECT id FROM supervisor_action WHERE at < $1 LIMIT $2) RETURNING id`,
      [before],
    );
  }

  deleteMetricSamplesBefore(before: Date): Promise<number> {
    return this.inBatches(
      `DELETE FROM metric_sample WHERE id IN (SELECT id FROM metric_sample WHERE at < $1 LIMIT $2) RETURNING id`,
      [before],
    );
  }

  /** Entries that stopped waiting; their invitations and duplicate pairs go with them (ON DELETE CASCADE). */
  deleteClosedWaitlistEntriesBefore(before: Date): Promise<number> {
    // A booked entry stays while the booking its invitation became is still on a centre's list
    // (its needs, wheelchair or interpreter, are read from here): until its second appointment
    // is as old as `before`, the same rule as the ledger's person.
    return this.inBatches(
      `DELETE FROM waitlist_entry WHERE id IN (
         SELECT e.id FROM waitlist_entry e
          WHERE e.status IN ('booked', 'declined', 'withdrawn', 'merged') AND e.updated_at < $1
            AND NOT EXISTS (
              SELECT 1 FROM waitlist_invitation i
                JOIN booking b ON b.id = i.booking_id AND b.status = 'active'
                JOIN slot s ON s.id = b.second_slot_id
               WHERE i.entry_id = e.id AND s.starts_at >= $1)
          LIMIT $2)
       RETURNING id`,
      [before],
    );
  }

  async deleteAttendanceBefore(before: Date): Promise<number> {
    const calls = await this.db.query(`DELETE FROM rebook_call WHERE created_at < $1 RETURNING booking_id`, [before]);
    const marks = await this.inBatches(
      `DELETE FROM attendance WHERE (booking_id, dose) IN
         (SELECT booking_id, dose FROM attendance WHERE marked_at < $1 LIMIT $2) RETURNING booking_id`,
      [before],
    );
    return calls.length + marks;
  }

  deleteRemindersBefore(before: Date): Promise<number> {
    return this.inBatches(
      `DELETE FROM reminder WHERE (booking_id, dose) IN
         (SELECT booking_id, dose FROM reminder WHERE appointment_at < $1 LIMIT $2) RETURNING booking_id`,
      [before],
    );
  }

  deleteStandbyOffersBefore(before: Date): Promise<number> {
    // The offer's calls go with it (ON DELETE CASCADE).
    return this.inBatches(
      `DELETE FROM standby_offer WHERE id IN (SELECT id FROM standby_offer WHERE created_at < $1 LIMIT $2) RETURNING id`,
      [before],
    );
  }

  deleteSupplyNoticesBefore(before: Date): Promise<number> {
    return this.inBatches(
      `DELETE FROM supply_move_notice WHERE id IN (SELECT id FROM supply_move_notice WHERE created_at < $1 LIMIT $2)
       RETURNING id`,
      [before],
    );
  }

  async messagesSentBefore(before: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ sid: string }>(
      `SELECT sid FROM sent_message WHERE sent_at < $1 ORDER BY sent_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.sid);
  }

  async forgetMessages(sids: string[]): Promise<void> {
    if (sids.length > 0) await this.db.query(`DELETE FROM sent_message WHERE sid = ANY($1::text[])`, [sids]);
  }

  async personByCode(code: string): Promise<PersonRecord | null> {
    const [row] = await this.db.query<PersonRow>(
      `SELECT ${PERSON_COLUMNS} FROM person p JOIN booking b ON b.person_id = p.id
        WHERE (b.code = $1 OR b.keypad_code = $1) AND p.name_key NOT LIKE '${ANONYMISED}%'`,
      [code],
    );
    return row ? toPerson(row) : null;
  }

  async entryByNumber(registrationNumber: string) {
    const [entry] = await this.db.query<{ id: number; birth_date: string; person_id: number | null }>(
      `SELECT e.id, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date,
              (SELECT p.id FROM person p WHERE p.name_key = e.name_key AND p.birth_date = e.birth_date
                  AND p.postcode = e.postcode) AS person_id
         FROM waitlist_entry e WHERE e.registration_number = $1`,
      [registrationNumber],
    );
    if (!entry) return null;
    const [person] = entry.person_id
      ? await this.db.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = $1`, [entry.person_id])
      : [];
    return { entryId: entry.id, birthDate: entry.birth_date, person: person ? toPerson(person) : null };
  }

  waitlistEntries(personId: number | null, entryIds: number[]): Promise<number[]> {
    return waitlistEntriesOf(this.db, personId, entryIds);
  }

  openInvitationHolds(entryIds: number[]): Promise<string[]> {
    return openInvitationHolds(this.db, entryIds);
  }

  async exportPerson(subject: Subject): Promise<PersonExport> {
    const { person } = subject;
    const waitlist = await exportWaitlist(this.db, subject.entryIds);
    if (!person) return { person, bookings: [], callbackRequests: [], queueEntries: [], callsInMemory: 0, waitlist };
    const bookings = await this.db.query<BookingRow>(
      `SELECT b.id, b.code, b.status, b.channel, c.name AS centre, f.starts_at AS first, s.starts_at AS second,
              b.created_at, b.cancelled_at
         FROM booking b JOIN slot f ON f.id = b.first_slot_id JOIN slot s ON s.id = b.second_slot_id
         JOIN centre c ON c.id = f.centre_id
        WHERE b.person_id = $1 ORDER BY b.id`,
      [person.id],
    );
    const events = await this.db.query<{ booking_id: number; action: string; channel: string; at: Date }>(
      `SELECT booking_id, action, channel, at FROM booking_event
        WHERE booking_id IN (SELECT id FROM booking WHERE person_id = $1) ORDER BY id`,
      [person.id],
    );
    const callbacks = person.phone
      ? await this.db.query<{ created_at: Date; status: string; reason: string; phone: string; notes: string | null }>(
          `SELECT created_at, status, reason, phone, notes FROM callback_request WHERE phone = $1 ORDER BY id`,
          [person.phone],
        )
      : [];
    const queue = person.phone
      ? await this.db.query<{ enqueued_at: Date; reason: string; phone: string | null }>(
          `SELECT enqueued_at, reason, phone FROM queued_call WHERE phone = $1 ORDER BY enqueued_at`,
          [person.phone],
        )
      : [];
    const [calls] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_session WHERE ${SESSION_NAMES}`,
      sessionNeedles(
        person,
        bookings.map((b) => b.code),
      ),
    );
    return {
      person,
      bookings: bookings.map((b) => ({
        code: b.code,
        status: b.status,
        channel: b.channel,
        centre: b.centre,
        firstAppointment: iso(b.first),
        secondAppointment: iso(b.second),
        bookedAt: iso(b.created_at),
        cancelledAt: b.cancelled_at ? iso(b.cancelled_at) : null,
        events: events
          .filter((e) => e.booking_id === b.id)
          .map((e) => ({ action: e.action, channel: e.channel, at: iso(e.at) })),
      })),
      callbackRequests: callbacks.map(({ created_at, status, reason, phone, notes }) => ({
        createdAt: iso(created_at),
        status,
        reason,
        phone,
        notes,
      })),
      queueEntries: queue.map((q) => ({ enqueuedAt: iso(q.enqueued_at), reason: q.reason, phone: q.phone })),
      callsInMemory: calls?.n ?? 0,
      waitlist,
    };
  }

  async activeCodes(personId: number): Promise<string[]> {
    const rows = await this.db.query<{ code: string }>(
      `SELECT code FROM booking WHERE person_id = $1 AND status = 'active'`,
      [personId],
    );
    return rows.map((r) => r.code);
  }

  async erase(subject: Subject, codes: string[], registrationNumbers: string[]): Promise<ErasureReport> {
    const { person } = subject;
    const waitlist = await eraseWaitlist(this.db, subject.entryIds);
    // The waiting list's audit entries name entries by id or registration number only.
    const waitlistAudit = (
      await this.db.query(
        `UPDATE supervisor_action SET details = '{"erased": true}'::jsonb
          WHERE action LIKE 'waitlist.%' AND (details->>'entryId' = ANY ($1::text[]) OR details::text LIKE ANY ($2::text[]))
          RETURNING id`,
        [subject.entryIds.map(String), registrationNumbers.map((n) => `%"${n}"%`)],
      )
    ).length;
    if (!person)
      return {
        bookingsCancelled: 0,
        callbackRequests: 0,
        queueEntries: 0,
        callSessions: await this.deleteSessions(sessionNeedles(null, registrationNumbers)),
        auditEntriesScrubbed: waitlistAudit,
        recordingDeleted: false,
        ...waitlist,
      };
    const byPhone = async (sql: string) => (person.phone ? (await this.db.query(sql, [person.phone])).length : 0);
    await byPhone(
      `DELETE FROM callback_attempt WHERE request_id IN (SELECT id FROM callback_request WHERE phone = $1) RETURNING id`,
    );
    const callbackRequests = await byPhone(`DELETE FROM callback_request WHERE phone = $1 RETURNING id`);
    const queueEntries = await byPhone(`DELETE FROM queued_call WHERE phone = $1 RETURNING call_sid`);
    const needles = sessionNeedles(person, [...codes, ...registrationNumbers]);
    const callSessions = await this.deleteSessions(needles);
    const auditEntriesScrubbed = (
      await this.db.query(
        `UPDATE supervisor_action SET details = '{"erased": true}'::jsonb
          WHERE details::text LIKE ANY($1::text[]) RETURNING id`,
        [needles[0]],
      )
    ).length;
    // An erased person is not called about a moved appointment either (the notice holds the phone).
    await this.db.query(
      `DELETE FROM supply_move_notice WHERE booking_id IN (SELECT id FROM booking WHERE person_id = $1)`,
      [person.id],
    );
    await this.db.query(`UPDATE person p SET ${ANONYMISE_SET} WHERE p.id = $1`, [person.id]);
    return {
      bookingsCancelled: 0,
      callbackRequests,
      queueEntries,
      callSessions,
      auditEntriesScrubbed: auditEntriesScrubbed + waitlistAudit,
      recordingDeleted: false,
      ...waitlist,
    };
  }

  private async deleteSessions(needles: [string[]]): Promise<number> {
    return (await this.db.query(`DELETE FROM call_session WHERE ${SESSION_NAMES} RETURNING call_sid`, needles)).length;
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ($1, $2, $3::jsonb)`, [
      agentId,
      action,
      JSON.stringify(details),
    ]);
  }
}

/** Name, phone, address and recordings go; the birth date keeps its year, the postcode its district. */
const ANONYMISE_SET = `name = NULL, name_recording_url = NULL, phone = NULL, name_key = '${ANONYMISED}' || p.id,
  street = NULL, city = NULL, address_recording_url = NULL, checked_by = NULL,
  birth_date = make_date(extract(year FROM p.birth_date)::int, 1, 1)`;

/** Call sessions are JSON text: they name a person by phone number or booking code. */
const SESSION_NAMES = `state::text LIKE ANY($1::text[])`;

function sessionNeedles(person: PersonRecord | null, codes: string[]): [string[]] {
  const values = [...codes, ...(person?.phone ? [person.phone] : [])].filter((v) => /^\+?[A-Z0-9]+$/i.test(v));
  return [values.length > 0 ? values.map((v) => `%"${v}"%`) : ["%\u0000%"]];
}

interface PersonRow extends Record<string, unknown> {
  id: number;
  name: string | null;
  birth_date: string;
  phone: string | null;
  postcode: string;
  name_recording_url: string | null;
  street: string | null;
  city: string | null;
  address_recording_url: string | null;
  created_at: Date;
}

// The date as text: the driver would turn a DATE into local midnight, a day early in UTC.
const PERSON_COLUMNS = `p.id, p.name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.phone, p.postcode,
  p.name_recording_url, p.street, p.city, p.address_recording_url, p.created_at`;

function toPerson(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birth_date,
    phone: row.phone,
    postcode: row.postcode,
    nameRecordingUrl: row.name_recording_url,
    street: row.street,
    city: row.city,
    addressRecordingUrl: row.address_recording_url,
    createdAt: iso(row.created_at),
  };
}

interface BookingRow extends Record<string, unknown> {
  id: number;
  code: string;
  status: string;
  channel: string;
  centre: string;
  first: Date;
  second: Date;
  created_at: Date;
  cancelled_at: Date | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
