// The ledger on PostgreSQL (server or PGlite). Reads of reference data and bookings use
// Prisma's query builder; the hot paths (free pairs, hold, release, book) call the ledger's
// SQL functions (see the migrations) straight through the driver as prepared statements, so
// that a hold or a booking is one statement and one round trip, without Prisma's CPU cost per
// query (about 0.3 ms, bench:ivr's unit costs) on every phone call.
import { DomainError } from "../../domain/errors.ts";
import type { District, PostcodeArea, Region } from "../../domain/geo/geography.ts";
import {
  CodeCollision,
  type BookingRecord,
  type BookPairCommand,
  type Channel,
  type FreePair,
  type HeldPair,
  type LedgerStore,
  type RebookCommand,
} from "../../domain/ledger/ledger-store.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { Database } from "../db/open-database.ts";
import { mapDatabaseError, sqlStateOf } from "./database-errors.ts";

interface PairRow extends Record<string, unknown> {
  centre_id: number;
  first_id: number;
  first_at: Date;
  second_id: number;
  second_at: Date;
}

const toPair = (r: PairRow): FreePair => ({
  centreId: r.centre_id,
  firstSlotId: r.first_id,
  secondSlotId: r.second_id,
  firstStartsAt: new Date(r.first_at),
  secondStartsAt: new Date(r.second_at),
});

const PAIR_COLUMNS =
  "f.centre_id, f.id AS first_id, f.starts_at AS first_at, s.id AS second_id, s.starts_at AS second_at";

export class PrismaLedgerStore implements LedgerStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly db: Pick<Database, "query">,
  ) {}

  async loadGeography(): Promise<{ regions: Region[]; districts: District[]; postcodes: PostcodeArea[] }> {
    const [regions, districts, postcodes] = await Promise.all([
      this.prisma.kvRegion.findMany({ orderBy: { id: "asc" } }),
      this.prisma.district.findMany({ include: { centre: true }, orderBy: { id: "asc" } }),
      this.prisma.postcode.findMany(),
    ]);
    return {
      regions,
      districts: districts.flatMap((d) => (d.centre ? [{ ...d, centre: d.centre }] : [])),
      postcodes,
    };
  }

  async vaccineInterval(vaccineId: string): Promise<number | null> {
    const vaccine = await this.prisma.vaccine.findUnique({ where: { id: vaccineId } });
    return vaccine?.secondDoseAfterDays ?? null;
  }

  async freePairs(centreId: number, from: Date, limit: number): Promise<FreePair[]> {
    const rows = await this.db.query<PairRow>(
      `SELECT ${PAIR_COLUMNS}
         FROM slot f JOIN slot s ON s.id = f.partner_id
        WHERE f.centre_id = $1::int AND f.dose = 1 AND NOT f.is_full
          AND f.starts_at >= $2::timestamptz AND NOT s.is_full
        ORDER BY f.starts_at, f.id
        LIMIT $3::int`,
      [centreId, from, limit],
      "ledger_free_pairs",
    );
    return rows.map(toPair);
  }

  async earliestPairPerCentre(centreIds: number[], from: Date): Promise<FreePair[]> {
    if (centreIds.length === 0) return [];
    const rows = await this.prisma.$queryRaw<PairRow[]>`
      SELECT p.* FROM unnest(${centreIds}::int[]) AS c(id)
       CROSS JOIN LATERAL (
         SELECT f.centre_id, f.id AS first_id, f.starts_at AS first_at, s.id AS second_id, s.starts_at AS second_at
           FROM slot f JOIN slot s ON s.id = f.partner_id
          WHERE f.centre_id = c.id AND f.dose = 1 AND NOT f.is_full
            AND f.starts_at >= ${from}::timestamptz AND NOT s.is_full
          ORDER BY f.starts_at, f.id
          LIMIT 1) p`;
    return rows.map(toPair);
  }

  async freePairCounts(from: Date): Promise<Map<number, number>> {
    const rows = await this.prisma.$queryRaw<{ centre_id: number; free: number }[]>`
      SELECT centre_id, sum(capacity - booked - held)::int AS free
        FROM slot WHERE dose = 1 AND starts_at >= ${from}::timestamptz
       GROUP BY centre_id`;
    return new Map(rows.map((r) => [r.centre_id, r.free]));
  }

  async holdPair(
    firstSlotId: number,
    holdId: string,
    owner: string,
    expiresAt: Date,
    notBefore: Date,
  ): Promise<HeldPair> {
    const rows = await this.run(() =>
      this.db.query<PairRow>(
        `SELECT ${PAIR_COLUMNS}
           FROM ledger_hold_pair($1::int, $2::uuid, $3::text, $4::timestamptz, $5::timestamptz) h
           JOIN slot f ON f.id = h.first_slot_id JOIN slot s ON s.id = h.second_slot_id`,
        [firstSlotId, holdId, owner, expiresAt, notBefore],
        "ledger_hold_pair",
      ),
    );
    const row = rows[0];
    if (!row) throw new DomainError("slot_taken");
    return { ...toPair(row), holdId, expiresAt };
  }

  async holdPairInScope(
    firstSlotId: number,
    hold: { holdId: string; owner: string; scope: string; ownerLimit: number },
    expiresAt: Date,
    notBefore: Date,
    now: Date,
  ): Promise<HeldPair> {
    const rows = await this.run(() =>
      this.db.query<PairRow>(
        `SELECT ${PAIR_COLUMNS}
           FROM ledger_hold_pair_in_scope($1::int, $2::uuid, $3::text, $4::text, $5::timestamptz, $6::timestamptz,
                                          $7::timestamptz, $8::int) h
           JOIN slot f ON f.id = h.first_slot_id JOIN slot s ON s.id = h.second_slot_id`,
        [firstSlotId, hold.holdId, hold.owner, hold.scope, expiresAt, notBefore, now, hold.ownerLimit],
        "ledger_hold_pair_in_scope",
      ),
    );
    const row = rows[0];
    if (!row) throw new DomainError("slot_taken");
    return { ...toPair(row), holdId: hold.holdId, expiresAt };
  }

  async holdEarliest(
    centreId: number,
    holdId: string,
    owner: string,
    expiresAt: Date,
    notBefore: Date,
    replaceHoldId: string | null,
  ): Promise<HeldPair | null> {
    const rows = await this.run(() =>
      this.db.query<{ first_slot_id: number; second_slot_id: number; first_starts_at: Date; second_starts_at: Date }>(
        "SELECT * FROM ledger_hold_earliest($1::int, $2::uuid, $3::text, $4::timestamptz, $5::timestamptz, $6::uuid)",
        [centreId, holdId, owner, expiresAt, notBefore, replaceHoldId],
        "ledger_hold_earliest",
      ),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      centreId,
      firstSlotId: row.first_slot_id,
      secondSlotId: row.second_slot_id,
      firstStartsAt: new Date(row.first_starts_at),
      secondStartsAt: new Date(row.second_starts_at),
      holdId,
      expiresAt,
    };
  }

  async extendHold(holdId: string, owner: string, expiresAt: Date, now: Date): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT ledger_extend_hold(${holdId}::uuid, ${owner}, ${expiresAt}::timestamptz, ${now}::timestamptz) AS ok`;
    return rows[0]?.ok === true;
  }

  async releaseHolds(filter: { holdId?: string; owner?: string; expiredBefore?: Date }): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      "SELECT ledger_release_holds($1::uuid, $2::text, $3::timestamptz) AS n",
      [filter.holdId ?? null, filter.owner ?? null, filter.expiredBefore ?? null],
      "ledger_release_holds",
    );
    return rows[0]?.n ?? 0;
  }

  async releaseHoldOf(holdId: string, owners: string[]): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM hold WHERE id = $1::uuid AND owner = ANY ($2::text[])
                     RETURNING first_slot_id, second_slot_id)
       SELECT ledger_give_back_places(ARRAY(
                SELECT s FROM gone, LATERAL (VALUES (gone.first_slot_id), (gone.second_slot_id)) AS v(s))) AS n`,
      [holdId, owners],
    );
    return rows[0]?.n ?? 0;
  }

  async holdOwner(holdId: string): Promise<string | null> {
    const rows = await this.db.query<{ owner: string }>("SELECT owner FROM hold WHERE id = $1::uuid", [holdId]);
    return rows[0]?.owner ?? null;
  }

  async bookPair(c: BookPairCommand): Promise<{ bookingId: number; code: string; replayed: boolean }> {
    return this.book(c, () =>
      this.db.query<BookRow>(
        `SELECT * FROM ledger_book_pair($1::int, $2::uuid, $3::timestamptz, $4::text, $5::text, $6::text, $7::date,
                                        $8::text, $9::char(5), $10::text, $11::text, $12::text, $13::char(12), $14::char(12))`,
        [
          c.firstSlotId,
          c.holdId,
          c.now,
          c.nameKey,
          c.person.name,
          c.person.nameRecordingUrl,
          c.person.birthDate,
          c.person.phone,
          c.person.postcode,
          c.channel,
          c.agentId,
          c.idempotencyKey,
          c.code,
          c.keypadCode,
        ],
        "ledger_book_pair",
      ),
    );
  }

  async rebook(bookingId: number, c: RebookCommand): Promise<{ bookingId: number; code: string; replayed: boolean }> {
    try {
      const rows = await this.run(
        () => this.prisma.$queryRaw<BookRow[]>`
          SELECT * FROM ledger_rebook(${bookingId}::int, ${c.firstSlotId}::int, ${c.holdId}::uuid, ${c.now}::timestamptz,
            ${c.channel}, ${c.agentId}::text, ${c.idempotencyKey}::text)`,
      );
      const row = rows[0];
      if (!row) throw new DomainError("slot_taken");
      return { bookingId: row.booking_id, code: row.code, replayed: row.replayed };
    } catch (error) {
      // Two requests with the same idempotency key raced: the loser returns the winner's answer.
      if (error instanceof IdempotencyReplay && c.idempotencyKey) {
        const event = await this.prisma.bookingEvent.findUnique({
          where: { idempotencyKey: c.idempotencyKey },
          include: { booking: true },
        });
        if (event) return { bookingId: event.bookingId, code: event.booking.code, replayed: true };
      }
      throw error;
    }
  }

  async cancelBooking(bookingId: number, channel: Channel, agentId: string | null, now: Date): Promise<boolean> {
    const rows = await this.run(
      () => this.prisma.$queryRaw<{ done: boolean }[]>`
        SELECT ledger_cancel_booking(${bookingId}::int, ${channel}, ${agentId}::text, ${now}::timestamptz) AS done`,
    );
    return rows[0]?.done === true;
  }

  async findBooking(by: { code: string } | { keypadCode: string } | { id: number }): Promise<BookingRecord | null> {
    const where = "code" in by ? { code: by.code } : "keypadCode" in by ? { keypadCode: by.keypadCode } : { id: by.id };
    const b = await this.prisma.booking.findUnique({ where, include: BOOKING_DETAILS });
    return b ? toBookingRecord(b) : null;
  }

  async findActiveBookings(person: { birthDate: string; postcode: string }): Promise<BookingRecord[]> {
    const rows = await this.prisma.booking.findMany({
      where: {
        status: "active",
        person: { birthDate: new Date(`${person.birthDate}T00:00:00Z`), postcode: person.postcode },
      },
      include: BOOKING_DETAILS,
      orderBy: { id: "asc" },
      // Several people may share a birth date and a postcode; far fewer than this.
      take: 50,
    });
    return rows.map(toBookingRecord);
  }

  async bookingsOfPersonsBorn(birthDate: string, postcode: string, limit: number): Promise<BookingRecord[]> {
    // person(birth_date, postcode) is indexed: a handful of persons, whose names the ledger compares.
    const rows = await this.prisma.booking.findMany({
      where: { person: { birthDate: new Date(`${birthDate}T00:00:00Z`), postcode } },
      include: BOOKING_DETAILS,
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    return rows.map(toBookingRecord);
  }

  async insertRelease(input: Parameters<LedgerStore["insertRelease"]>[0]) {
    const { plan } = input;
    const blocks = plan.blocks;
    return this.prisma.$transaction(
      async (tx) => {
        const release = await tx.supplyRelease.create({
          data: {
            regionId: input.regionId,
            vaccineId: input.vaccineId,
            weekStart: new Date(`${input.weekStart}T00:00:00Z`),
            doses: plan.doses,
            pairs: plan.pairs,
            releasedBy: input.releasedBy,
          },
        });
        if (blocks.length > 0) {
          // One statement for the whole release: second-dose slots first, then the first-dose
          // slots pointing at them, at the same Berlin wall-clock time `intervalDays` earlier.
          await tx.$executeRaw`
            WITH blocks AS (
              SELECT * FROM unnest(${blocks.map((b) => b.centreId)}::int[], ${blocks.map((b) => b.day)}::date[],
                                   ${blocks.map((b) => b.firstMinute)}::int[], ${blocks.map((b) => b.slotCount)}::int[],
                                   ${blocks.map((b) => b.base)}::int[], ${blocks.map((b) => b.extra)}::int[])
                     AS b(centre_id, day, first_minute, slot_count, base, extra)
            ), times AS (
              SELECT b.centre_id, b.day + make_interval(mins => b.first_minute + g * 30) AS local_ts,
                     b.base + CASE WHEN g < b.extra THEN 1 ELSE 0 END AS cap
                FROM blocks b, generate_series(0, b.slot_count - 1) AS g
            ), seconds AS (
              INSERT INTO slot (centre_id, vaccine_id, release_id, dose, starts_at, capacity)
              SELECT centre_id, ${input.vaccineId}, ${release.id}::int, 2,
                     (local_ts + make_interval(days => ${input.intervalDays}::int)) AT TIME ZONE 'Europe/Berlin', cap
                FROM times WHERE cap > 0
              RETURNING id, centre_id, starts_at, capacity
            )
            INSERT INTO slot (centre_id, vaccine_id, release_id, dose, starts_at, capacity, partner_id)
            SELECT centre_id, ${input.vaccineId}, ${release.id}::int, 1,
                   ((starts_at AT TIME ZONE 'Europe/Berlin') - make_interval(days => ${input.intervalDays}::int)) AT TIME ZONE 'Europe/Berlin',
                   capacity, id
              FROM seconds`;
        }
        return { releaseId: release.id, pairs: plan.pairs };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  /** Planner statistics after bulk inserts: without them, "earliest free pair" sorts a whole centre. */
  async refreshStatistics(): Promise<void> {
    await this.prisma.$executeRawUnsafe("ANALYZE slot, hold, booking");
  }

  private async book(command: BookPairCommand, query: () => Promise<BookRow[]>) {
    try {
      const rows = await this.run(query);
      const row = rows[0];
      if (!row) throw new DomainError("slot_taken");
      return { bookingId: row.booking_id, code: row.code, replayed: row.replayed };
    } catch (error) {
      // Two requests with the same idempotency key raced: the loser returns the winner's booking.
      if (error instanceof IdempotencyReplay && command.idempotencyKey) {
        const existing = await this.prisma.booking.findUnique({ where: { idempotencyKey: command.idempotencyKey } });
        if (existing) return { bookingId: existing.id, code: existing.code, replayed: true };
      }
      throw error;
    }
  }

  private async run<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await retryOnConflict(query);
    } catch (error) {
      const mapped = mapDatabaseError(error);
      if (mapped instanceof DomainError || mapped instanceof CodeCollision) throw mapped;
      if (mapped && "idempotencyReplay" in mapped) throw new IdempotencyReplay();
      throw error;
    }
  }
}

const BOOKING_DETAILS = { person: true, firstSlot: true, secondSlot: true } as const;

type BookingWithDetails = Prisma.BookingGetPayload<{ include: typeof BOOKING_DETAILS }>;

function toBookingRecord(b: BookingWithDetails): BookingRecord {
  return {
    id: b.id,
    code: b.code,
    keypadCode: b.keypadCode,
    status: b.status as BookingRecord["status"],
    channel: b.channel as Channel,
    agentId: b.agentId,
    createdAt: b.createdAt,
    cancelledAt: b.cancelledAt,
    centreId: b.firstSlot.centreId,
    firstSlotId: b.firstSlotId,
    secondSlotId: b.secondSlotId,
    firstStartsAt: b.firstSlot.startsAt,
    secondStartsAt: b.secondSlot.startsAt,
    person: {
      id: b.person.id,
      name: b.person.name,
      nameRecordingUrl: b.person.nameRecordingUrl,
      birthDate: b.person.birthDate.toISOString().slice(0, 10),
      phone: b.person.phone,
      postcode: b.person.postcode,
    },
  };
}

interface BookRow extends Record<string, unknown> {
  booking_id: number;
  code: string;
  replayed: boolean;
}

class IdempotencyReplay extends Error {}

/**
 * A deadlock (40P01) or serialisation failure (40001) rolled the whole statement back: run
 * it once more. Each ledger call is one statement with its own idempotency, so this is safe.
 */
async function retryOnConflict<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    const code = sqlStateOf(error);
    if (code !== "40P01" && code !== "40001") throw error;
    return query();
  }
}
