// The waiting list in SQL: bulk inserts as one multi-row statement over arrays (a register
// extract of 100,000 rows is one round trip per 5,000), and an invitation batch as one call of
// waitlist_assign. Same SQL on PostgreSQL and PGlite.
import type { FreePlace, TimeOfDay } from "../../domain/waitlist/invitation-plan.ts";
import type {
  AssignRow,
  DuplicateRecord,
  EntryRecord,
  EntryStatus,
  AssignOutcome,
  InvitationRecord,
  NewEntry,
  RegionEntries,
  RunEntry,
  RunRecord,
  WaitlistStore,
} from "../../domain/waitlist/waitlist-store.ts";
import { berlinParts } from "../../domain/time/berlin.ts";
import type { Database } from "./open-database.ts";

const INSERT_CHUNK = 5_000;
const REGION_STRETCH = 100_000;

// The date as text: the driver would turn a DATE into local midnight, a day early in UTC.
const ENTRY_COLUMNS = `e.id, e.registration_number, e.name_key, e.name, to_char(e.birth_date, 'YYYY-MM-DD') AS birth_date,
  e.postcode, e.street, e.city, e.phone, e.source, e.registered_by, e.relation, e.language, e.region_id, e.district_id,
  e.preferred_centre_id, e.time_of_day, e.wheelchair, e.companion, e.interpreter, e.home_visit, e.consent_calls,
  e.consent_sms, e.code_holder, e.short_notice, e.priority_group, e.status, e.merged_into_id, e.registered_at`;

type Row = Record<string, unknown>;

export class SqlWaitlistStore implements WaitlistStore {
  constructor(private readonly db: Pick<Database, "query">) {}

  async insertEntries(entries: NewEntry[]): Promise<Map<string, number>> {
    const inserted = new Map<string, number>();
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      const chunk = entries.slice(i, i + INSERT_CHUNK);
      const col = <K extends keyof NewEntry>(k: K) => chunk.map((e) => e[k]);
      const rows = await this.db.query<{ id: number; registration_number: string }>(
        `INSERT INTO waitlist_entry (registration_number, name_key, name, birth_date, postcode, street, city, phone, source,
           registered_by, relation, language, region_id, district_id, preferred_centre_id, time_of_day, wheelchair, companion,
           interpreter, home_visit, consent_calls, consent_sms, code_holder, short_notice, priority_group, registered_at,
           updated_at)
         SELECT r.*, r.at FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[],
           $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int[], $15::int[], $16::text[],
           $17::bool[], $18::bool[], $19::bool[], $20::bool[], $21::bool[], $22::bool[], $23::bool[], $24::bool[],
           $25::smallint[], $26::timestamptz[]) AS r(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16,
           c17, c18, c19, c20, c21, c22, c23, c24, c25, at)
         ON CONFLICT DO NOTHING
         RETURNING id, registration_number`,
        [
          col("registrationNumber"),
          col("nameKey"),
          col("name"),
          col("birthDate"),
          col("postcode"),
          col("street"),
          col("city"),
          col("phone"),
          col("source"),
          col("registeredBy"),
          col("relation"),
          col("language"),
          col("regionId"),
          col("districtId"),
          col("preferredCentreId"),
          col("timeOfDay"),
          col("wheelchair"),
          col("companion"),
          col("interpreter"),
          col("homeVisit"),
          col("consentCalls"),
          col("consentSms"),
          col("codeHolder"),
          col("shortNotice"),
          col("priorityGroup"),
          chunk.map((e) => e.registeredAt.toISOString()),
        ],
      );
      for (const r of rows) inserted.set(r.registration_number.trim(), r.id);
    }
    return inserted;
  }

  async activeEntries(people: { nameKey: string; birthDate: string; postcode: string }[]): Promise<EntryRecord[]> {
    if (people.length === 0) return [];
    const rows = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e
         JOIN unnest($1::text[], $2::date[], $3::char(5)[]) AS p(name_key, birth_date, postcode)
           ON e.name_key = p.name_key AND e.birth_date = p.birth_date AND e.postcode = p.postcode
        WHERE e.status IN ('waiting', 'invited')`,
      [people.map((p) => p.nameKey), people.map((p) => p.birthDate), people.map((p) => p.postcode)],
    );
    return rows.map(toEntry);
  }

  async entriesBornIn(places: { birthDate: string; postcode: string }[]): Promise<EntryRecord[]> {
    if (places.length === 0) return [];
    const rows = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e
        WHERE (e.birth_date, e.postcode) IN (SELECT * FROM unnest($1::date[], $2::char(5)[]))
          AND e.status IN ('waiting', 'invited')`,
      [places.map((p) => p.birthDate), places.map((p) => p.postcode)],
    );
    return rows.map(toEntry);
  }

  async fillMissing(
    entryId: number,
    d: { phone: string | null; street: string | null; city: string | null; shortNotice?: boolean },
  ): Promise<void> {
    await this.db.query(
      `UPDATE waitlist_entry SET phone = coalesce(phone, $2), street = coalesce(street, $3), city = coalesce(city, $4),
              short_notice = short_notice OR $5
        WHERE id = $1 AND (phone IS NULL AND $2::text IS NOT NULL OR street IS NULL AND $3::text IS NOT NULL
                           OR city IS NULL AND $4::text IS NOT NULL OR NOT short_notice AND $5)`,
      [entryId, d.phone, d.street, d.city, d.shortNotice ?? false],
    );
  }

  async entryByNumber(registrationNumber: string): Promise<EntryRecord | null> {
    const rows = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e WHERE e.registration_number = $1`, [
      registrationNumber,
    ]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async entryById(id: number): Promise<EntryRecord | null> {
    const rows = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e WHERE e.id = $1`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async setStatus(entryId: number, status: EntryStatus, from: EntryStatus[], now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE waitlist_entry SET status = $2, updated_at = $4 WHERE id = $1 AND status = ANY ($3::text[]) RETURNING id`,
      [entryId, status, from, now],
    );
    return rows.length > 0;
  }

  async addDuplicates(pairs: [number, number][]): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO waitlist_duplicate (entry_id, other_id) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    return rows.length;
  }

  async openDuplicates(limit: number): Promise<DuplicateRecord[]> {
    const rows = await this.db.query<{ id: number; entry_id: number; other_id: number; created_at: Date }>(
      `SELECT d.id, d.entry_id, d.other_id, d.created_at FROM waitlist_duplicate d
         JOIN waitlist_entry a ON a.id = d.entry_id AND a.status IN ('waiting', 'invited')
         JOIN waitlist_entry b ON b.id = d.other_id AND b.status IN ('waiting', 'invited')
        WHERE d.status = 'open' ORDER BY d.created_at, d.id LIMIT $1`,
      [limit],
    );
    return this.withEntries(rows);
  }

  async duplicate(id: number): Promise<DuplicateRecord | null> {
    const rows = await this.db.query<{ id: number; entry_id: number; other_id: number; created_at: Date }>(
      `SELECT id, entry_id, other_id, created_at FROM waitlist_duplicate WHERE id = $1 AND status = 'open'`,
      [id],
    );
    return (await this.withEntries(rows))[0] ?? null;
  }

  async decideDuplicate(id: number, status: "merged" | "apart", by: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE waitlist_duplicate SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, status, by, now],
    );
    return rows.length > 0;
  }

  async mergeInto(keepId: number, goneId: number, now: Date): Promise<void> {
    // The kept entry takes the better priority (a code holder stays one) and the earlier registration.
    await this.db.query(
      `WITH gone AS (
         UPDATE waitlist_entry SET status = 'merged', merged_into_id = $1, updated_at = $3 WHERE id = $2
         RETURNING code_holder, consent_calls, consent_sms, short_notice)
       UPDATE waitlist_entry k SET code_holder = k.code_holder OR gone.code_holder, consent_calls = k.consent_calls OR gone.consent_calls,
              consent_sms = k.consent_sms OR gone.consent_sms, short_notice = k.short_notice OR gone.short_notice, updated_at = $3
         FROM gone WHERE k.id = $1`,
      [keepId, goneId, now],
    );
  }

  // One sequential pass in the database, which sends every member as "<group><number>," in
  // no order; the sort is done here on typed arrays (group × 10^10 + number: the numbers all
  // have ten digits, so numeric order is lottery.ts's byte order). The database sorting a
  // million rows spilled to disk with the default work_mem, and the age bands as a subquery
  // per row cost more than the scan (bench:invitations: 7.5-18 s for the list, now ~2 s).
  async waitFigures(regionId: string, priorityGroup: number, since: Date) {
    const [row] = await this.db.query<{ earlier: number; same: number; invited: number }>(
      `SELECT count(*) FILTER (WHERE priority_group < $2)::int AS earlier,
              count(*) FILTER (WHERE priority_group = $2)::int AS same,
              (SELECT count(*) FROM waitlist_invitation i JOIN invitation_run r ON r.id = i.run_id
                WHERE r.region_id = $1 AND i.created_at >= $3)::int AS invited
         FROM waitlist_entry
        WHERE region_id = $1 AND status = 'waiting' AND NOT home_visit AND priority_group <= $2`,
      [regionId, priorityGroup, since],
    );
    return { earlierGroups: row?.earlier ?? 0, sameGroup: row?.same ?? 0, invitedSince: row?.invited ?? 0 };
  }

  async frozenListOf(regionId: string, today: string, ageBands: number[], minAge: number) {
    const cutoffs = ageBands.map((band) => bandCutoff(today, band));
    const eligible = `$${cutoffs.length + 2}::date`;
    // age >= band exactly when born on or before the cutoff (priority.ts's ageOn, as a date).
    const olderBands = cutoffs.map((_, i) => `(e.birth_date > $${i + 2}::date)::int`).join(" + ") || "0";
    const [row] = await this.db.query<{ text: string | null }>(
      `WITH holders AS (
         SELECT p.name_key, p.birth_date, p.postcode FROM person p JOIN booking b ON b.person_id = p.id
          GROUP BY p.id HAVING bool_and(b.status <> 'active'))
       SELECT string_agg(CASE WHEN e.code_holder OR h.name_key IS NOT NULL THEN 0 ELSE 1 + ${olderBands} END
                         || e.registration_number, ',') AS text
         FROM waitlist_entry e
         LEFT JOIN holders h ON h.name_key = e.name_key AND h.birth_date = e.birth_date AND h.postcode = e.postcode
        WHERE e.region_id = $1 AND e.status = 'waiting' AND NOT e.home_visit
          AND (e.birth_date <= ${eligible} OR e.code_holder OR h.name_key IS NOT NULL)`,
      [regionId, ...cutoffs, bandCutoff(today, minAge)],
    );
    return sortedFrozenList(row?.text ?? "");
  }

  async runEntries(registrationNumbers: string[]): Promise<RunEntry[]> {
    // One index probe per number (a LATERAL with LIMIT stays a nested loop): as "= ANY" the
    // planner read the whole table for every stretch of 10,000 (1 s each, 11 s per run).
    const rows = await this.db.query<{
      id: number;
      registration_number: string;
      district_id: number;
      preferred_centre_id: number | null;
      time_of_day: TimeOfDay;
      letter: boolean;
    }>(
      `SELECT e.id, e.registration_number, e.district_id, e.preferred_centre_id, e.time_of_day, e.letter
         FROM unnest($1::char(10)[]) AS n(number)
        CROSS JOIN LATERAL (
          SELECT x.id, x.registration_number, x.district_id, x.preferred_centre_id, x.time_of_day,
                 (x.phone IS NULL OR NOT x.consent_calls) AS letter, x.status, x.home_visit
            FROM waitlist_entry x WHERE x.registration_number = n.number LIMIT 1) AS e
        WHERE e.status = 'waiting' AND NOT e.home_visit`,
      [registrationNumbers],
    );
    return rows.map((r) => ({
      entryId: r.id,
      registrationNumber: r.registration_number,
      districtId: r.district_id,
      preferredCentreId: r.preferred_centre_id,
      timeOfDay: r.time_of_day,
      letter: r.letter,
    }));
  }

  // Stretches of the id range (the order the rows were inserted in, so each stretch reads
  // neighbouring pages), each sent as one text of integers: no row objects for a million entries.
  async regionEntries(regionId: string, expected = 1 << 16): Promise<RegionEntries> {
    const [bounds] = await this.db.query<{ max: number | null }>(`SELECT max(id) AS max FROM waitlist_entry`);
    const out = new EntryColumns(expected);
    for (let from = 0; from <= (bounds?.max ?? -1); from += REGION_STRETCH) {
      const [row] = await this.db.query<{ text: string | null }>(
        `SELECT string_agg(concat_ws(' ', registration_number::text, id, district_id, coalesce(preferred_centre_id, 0),
                  CASE time_of_day WHEN 'morning' THEN 1 WHEN 'afternoon' THEN 2 ELSE 0 END,
                  (phone IS NULL OR NOT consent_calls)::int), E'\n') AS text
           FROM waitlist_entry
          WHERE id >= $2 AND id < $3 AND region_id = $1 AND status = 'waiting' AND NOT home_visit`,
        [regionId, from, from + REGION_STRETCH],
      );
      if (row?.text) out.parse(row.text);
    }
    return out.done();
  }

  async insertRun(run: Parameters<WaitlistStore["insertRun"]>[0]): Promise<number> {
    const [row] = await this.db.query<{ id: number }>(
      `INSERT INTO invitation_run (region_id, seed, seed_hash, list_hash, frozen_list, entries, share_percent, deadline_hours,
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        run.regionId,
        run.seed,
        run.seedHash,
        run.listHash,
        run.frozenList,
        run.entries,
        run.sharePercent,
        run.deadlineHours,
        run.createdBy,
        run.createdAt,
      ],
    );
    return row!.id;
  }

  async run(id: number): Promise<RunRecord | null> {
    const rows = await this.db.query(`SELECT ${RUN_COLUMNS} FROM invitation_run WHERE id = $1`, [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  async frozenList(runId: number): Promise<string | null> {
    const rows = await this.db.query<{ frozen_list: string }>(`SELECT frozen_list FROM invitation_run WHERE id = $1`, [
      runId,
    ]);
    return rows[0]?.frozen_list ?? null;
  }

  async runs(limit: number): Promise<RunRecord[]> {
    const rows = await this.db.query(`SELECT ${RUN_COLUMNS} FROM invitation_run ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map(toRun);
  }

  async runPositions(runId: number): Promise<Map<string, number>> {
    const rows = await this.db.query<{ registration_number: string; position: number }>(
      `SELECT e.registration_number, i.position FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id WHERE i.run_id = $1`,
      [runId],
    );
    return new Map(rows.map((r) => [r.registration_number, r.position]));
  }

  async finishRun(id: number, f: { freePairs: number; budget: number; invited: number; booked: number }, now: Date) {
    await this.db.query(
      `UPDATE invitation_run SET status = 'finished', free_pairs = $2, budget = $3, invited = $4, booked = $5, finished_at = $6 WHERE id = $1`,
      [id, f.freePairs, f.budget, f.invited, f.booked, now],
    );
  }

  async freePlaces(centreIds: number[], notBefore: Date): Promise<FreePlace[]> {
    const rows = await this.db.query<{ id: number; centre_id: number; starts_at: Date | string; free: number }>(
      `SELECT f.id, f.centre_id, f.starts_at, least(f.capacity - f.booked - f.held, s.capacity - s.booked - s.held) AS free
         FROM slot f JOIN slot s ON s.id = f.partner_id
        WHERE f.centre_id = ANY ($1::int[]) AND f.dose = 1 AND NOT f.is_full AND NOT s.is_full AND f.starts_at >= $2`,
      [centreIds, notBefore],
    );
    return rows.map((r) => {
      const startsAt = new Date(r.starts_at);
      return {
        firstSlotId: r.id,
        centreId: r.centre_id,
        startsAt,
        morning: berlinParts(startsAt).hour < 12,
        free: r.free,
      };
    });
  }

  async assign(
    runId: number,
    rows: AssignRow[],
    times: { deadline: Date; notBefore: Date; bookNotBefore: Date; now: Date },
  ) {
    const result = await this.db.query<{ entry_id: number; outcome: AssignOutcome }>(
      `SELECT entry_id, outcome FROM waitlist_assign($1, $2::int[], $3::int[], $4::int[], $5::uuid[], $6::bool[], $7::text[], $8::text[], $9, $10, $11, $12)`,
      [
        runId,
        rows.map((r) => r.entryId),
        rows.map((r) => r.position),
        rows.map((r) => r.firstSlotId),
        rows.map((r) => r.holdId),
        rows.map((r) => r.book),
        rows.map((r) => r.code),
        rows.map((r) => r.keypadCode),
        times.deadline,
        times.notBefore,
        times.bookNotBefore,
        times.now,
      ],
    );
    return new Map(result.map((r) => [r.entry_id, r.outcome]));
  }

  async expire(now: Date): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT waitlist_expire($1) AS n`, [now]);
    return row?.n ?? 0;
  }

  async openInvitation(id: number): Promise<InvitationRecord | null> {
    return (await this.invitations(`i.id = $1`, [id]))[0] ?? null;
  }

  invitationsOf(entryId: number): Promise<InvitationRecord[]> {
    return this.invitations(`i.entry_id = $1`, [entryId]);
  }

  async closeInvitation(
    id: number,
    status: "accepted" | "declined",
    bookingId: number | null,
    now: Date,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE waitlist_invitation SET status = $2, booking_id = coalesce($3, booking_id), hold_id = NULL, decided_at = $4
        WHERE id = $1 AND status = 'invited' RETURNING id`,
      [id, status, bookingId, now],
    );
    return rows.length > 0;
  }

  async campaignPaused(regionId: string): Promise<boolean> {
    const rows = await this.db.query<{ paused: boolean }>(`SELECT paused FROM campaign_region WHERE region_id = $1`, [
      regionId,
    ]);
    return rows[0]?.paused ?? false;
  }

  async statusCounts() {
    const rows = await this.db.query<{ region_id: string; priority_group: number; status: string; count: number }>(
      `SELECT region_id, priority_group, status, count(*)::int AS count FROM waitlist_entry GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    return rows.map((r) => ({
      regionId: r.region_id,
      priorityGroup: r.priority_group,
      status: r.status,
      count: r.count,
    }));
  }

  async audit(agentId: string, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ($1, $2, $3::jsonb)`, [
      agentId,
      action,
      JSON.stringify(details),
    ]);
  }

  private async invitations(where: string, params: unknown[]): Promise<InvitationRecord[]> {
    const rows = await this.db.query(
      `SELECT i.id AS invitation_id, i.run_id, i.position, i.centre_id, i.first_slot_id, i.second_slot_id, i.hold_id, i.booking_id,
              i.status AS invitation_status, i.deadline, f.starts_at AS first_starts_at, s.starts_at AS second_starts_at, ${ENTRY_COLUMNS}
         FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
         JOIN slot f ON f.id = i.first_slot_id JOIN slot s ON s.id = i.second_slot_id
        WHERE ${where} ORDER BY i.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.invitation_id as number,
      runId: r.run_id as number,
      entry: toEntry(r),
      position: r.position as number,
      centreId: r.centre_id as number,
      firstSlotId: r.first_slot_id as number,
      secondSlotId: r.second_slot_id as number,
      firstStartsAt: new Date(r.first_starts_at as string),
      secondStartsAt: new Date(r.second_starts_at as string),
      holdId: (r.hold_id as string | null) ?? null,
      bookingId: (r.booking_id as number | null) ?? null,
      status: r.invitation_status as InvitationRecord["status"],
      deadline: r.deadline ? new Date(r.deadline as string) : null,
    }));
  }

  private async withEntries(rows: { id: number; entry_id: number; other_id: number; created_at: Date }[]) {
    if (rows.length === 0) return [];
    const ids = rows.flatMap((r) => [r.entry_id, r.other_id]);
    const entries = new Map(
      (await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM waitlist_entry e WHERE e.id = ANY ($1::int[])`, [ids])).map(
        (r) => {
          const e = toEntry(r);
          return [e.id, e];
        },
      ),
    );
    return rows.map((r): DuplicateRecord => ({
      id: r.id,
      entry: entries.get(r.entry_id)!,
      other: entries.get(r.other_id)!,
      createdAt: new Date(r.created_at),
    }));
  }
}

const RUN_COLUMNS = `id, region_id, status, seed, seed_hash, list_hash, entries, share_percent, deadline_hours, free_pairs, budget,
  invited, booked, created_by, created_at, finished_at`;

function toRun(r: Row): RunRecord {
  return {
    id: r.id as number,
    regionId: r.region_id as string,
    status: r.status as RunRecord["status"],
    seed: r.seed as string,
    seedHash: r.seed_hash as string,
    listHash: r.list_hash as string,
    entries: r.entries as number,
    sharePercent: r.share_percent as number,
    deadlineHours: r.deadline_hours as number,
    freePairs: r.free_pairs as number,
    budget: r.budget as number,
    invited: r.invited as number,
    booked: r.booked as number,
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as string),
    finishedAt: r.finished_at ? new Date(r.finished_at as string) : null,
  };
}

function toEntry(r: Row): EntryRecord {
  return {
    id: r.id as number,
    registrationNumber: (r.registration_number as string).trim(),
    nameKey: r.name_key as string,
    name: r.name as string,
    birthDate: r.birth_date as string,
    postcode: r.postcode as string,
    street: (r.street as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    source: r.source as EntryRecord["source"],
    registeredBy: r.registered_by as string,
    relation: r.relation as EntryRecord["relation"],
    language: r.language as string,
    regionId: r.region_id as string,
    districtId: r.district_id as number,
    preferredCentreId: (r.preferred_centre_id as number | null) ?? null,
    timeOfDay: r.time_of_day as TimeOfDay,
    wheelchair: r.wheelchair as boolean,
    companion: r.companion as boolean,
    interpreter: r.interpreter as boolean,
    homeVisit: r.home_visit as boolean,
    consentCalls: r.consent_calls as boolean,
    consentSms: r.consent_sms as boolean,
    codeHolder: r.code_holder as boolean,
    shortNotice: r.short_notice as boolean,
    priorityGroup: r.priority_group as number,
    status: r.status as EntryStatus,
    mergedIntoId: (r.merged_into_id as number | null) ?? null,
    registeredAt: new Date(r.registered_at as string),
  };
}

/** The last day someone born then is `band` years old on `today` ("YYYY-MM-DD"; 29 Feb → 28 Feb in a common year). */
export function bandCutoff(today: string, band: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const year = y - band;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "<group><number>,…" in any order → the frozen list's text ("group number\n", sorted) and its length. */
export function sortedFrozenList(unsorted: string): { text: string; entries: number } {
  if (!unsorted) return { text: "", entries: 0 };
  let count = 1;
  for (let i = unsorted.indexOf(","); i !== -1; i = unsorted.indexOf(",", i + 1)) count++;
  const keys = new Float64Array(count);
  let k = 0;
  let value = 0;
  for (let i = 0; i <= unsorted.length; i++) {
    const c = i < unsorted.length ? unsorted.charCodeAt(i) : 44;
    if (c === 44) {
      keys[k++] = value; // group × 10^10 + number: the group is the digits before the last ten
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  keys.sort();
  const out = Buffer.allocUnsafe(count * 16);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    const group = Math.floor(key / 1e10);
    at += out.write(`${group} ${key - group * 1e10}\n`, at, "latin1");
  }
  return { text: out.toString("latin1", 0, at), entries: count };
}

/**
 * Columns of RegionEntries, filled as stretches arrive ("number id district centre tod letter"
 * lines); sized for the expected count (the frozen list's) so that a run allocates them once.
 */
class EntryColumns {
  private size = 0;
  private columns: RegionEntries;

  constructor(private capacity: number) {
    this.columns = EntryColumns.allocate(Math.max(capacity, 16));
    this.capacity = Math.max(capacity, 16);
  }

  private static allocate(n: number): RegionEntries {
    return {
      numbers: new Float64Array(n),
      ids: new Int32Array(n),
      districtIds: new Int32Array(n),
      preferredCentreIds: new Int32Array(n),
      timeOfDay: new Uint8Array(n),
      letter: new Uint8Array(n),
    };
  }

  parse(text: string): void {
    const field = [0, 0, 0, 0, 0, 0];
    let f = 0;
    let value = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 10;
      if (c === 32 || c === 10) {
        field[f++] = value;
        value = 0;
        if (c === 10) {
          this.push(field);
          f = 0;
        }
      } else value = value * 10 + (c - 48);
    }
  }

  private push(f: number[]): void {
    if (this.size === this.capacity) this.grow();
    const c = this.columns;
    const i = this.size++;
    c.numbers[i] = f[0]!;
    c.ids[i] = f[1]!;
    c.districtIds[i] = f[2]!;
    c.preferredCentreIds[i] = f[3]!;
    c.timeOfDay[i] = f[4]!;
    c.letter[i] = f[5]!;
  }

  /** Entries registered since the list was frozen can make it larger than expected. */
  private grow(): void {
    this.capacity *= 2;
    const next = EntryColumns.allocate(this.capacity);
    for (const key of Object.keys(next) as (keyof RegionEntries)[]) next[key].set(this.columns[key] as never);
    this.columns = next;
  }

  done(): RegionEntries {
    const c = this.columns;
    const n = this.size;
    return {
      numbers: c.numbers.subarray(0, n),
      ids: c.ids.subarray(0, n),
      districtIds: c.districtIds.subarray(0, n),
      preferredCentreIds: c.preferredCentreIds.subarray(0, n),
      timeOfDay: c.timeOfDay.subarray(0, n),
      letter: c.letter.subarray(0, n),
    };
  }
}
