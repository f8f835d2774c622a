// Proves that the hand-written migrations (prisma/migrations, applied by our migrator because
// Prisma's schema engine cannot be downloaded here) build exactly the database that
// prisma/schema.prisma describes: every model, column type, nullability, default, key, index
// and relation, named as Prisma names them, and nothing else beyond the SQL-only objects
// listed in sql-only-objects.ts. schema.prisma is read with Prisma's own parser (DMMF from
// @prisma/prisma-schema-wasm), the database through pg_catalog.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/adapters/db/open-database.ts";
import { SQL_ONLY_OBJECTS, type SqlOnlyObject } from "../src/adapters/db/sql-only-objects.ts";
import { PROJECT_ROOT } from "../src/paths.ts";
import { expectedSchema, type ExpectedSchema } from "./support/expected-schema.ts";
import { readDatamodel, type DmmfDatamodel } from "./support/prisma-dmmf.ts";
import { compareSchema, type SchemaComparison } from "./support/schema-comparison.ts";
import { introspect } from "./support/schema-introspection.ts";
import { migratedPglite, migratedPostgres, type ScratchDatabase } from "./support/scratch-database.ts";

const SCHEMA_TEXT = readFileSync(join(PROJECT_ROOT, "prisma", "schema.prisma"), "utf8");
const DATAMODEL = readDatamodel(SCHEMA_TEXT);
const EXPECTED = expectedSchema(DATAMODEL);

async function compare(
  db: Database,
  expected: ExpectedSchema = EXPECTED,
  sqlOnly: readonly SqlOnlyObject[] = SQL_ONLY_OBJECTS,
): Promise<SchemaComparison> {
  const session = await db.session();
  try {
    return compareSchema(expected, await introspect(session), sqlOnly);
  } finally {
    await session.release();
  }
}

/** Counted from the raw DMMF, so a comparison that silently skipped something cannot pass. */
function countsFromDmmf(dm: DmmfDatamodel): SchemaComparison["compared"] {
  const fields = dm.models.flatMap((m) => m.fields);
  return {
    tables: dm.models.length,
    columns: fields.filter((f) => f.kind !== "object").length,
    primaryKeys: dm.indexes.filter((i) => i.type === "id").length,
    uniqueIndexes: dm.indexes.filter((i) => i.type === "unique").length,
    indexes: dm.indexes.filter((i) => i.type === "normal").length,
    foreignKeys: fields.filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0).length,
    enums: dm.enums.length,
    sqlOnlyObjects: SQL_ONLY_OBJECTS.length,
  };
}

function expectMatch(report: SchemaComparison): void {
  expect(report.mismatches).toEqual([]);
  expect(report.compared).toEqual(countsFromDmmf(DATAMODEL));
}

describe("schema.prisma matches the migrated database (PGlite)", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await migratedPglite();
  });
  afterAll(async () => {
    await scratch?.dispose();
  });

  it("reads schema.prisma with Prisma's parser, down to native types, defaults and relations", () => {
    expect(EXPECTED.unsupported).toEqual([]);
    expect(EXPECTED.tables.map((t) => t.name)).toContain("booking");
    const slot = EXPECTED.tables.find((t) => t.name === "slot");
    expect(slot?.columns.find((c) => c.name === "dose")).toEqual({
      field: "Slot.dose",
      name: "dose",
      type: "smallint",
      notNull: true,
      default: { kind: "none" },
    });
    expect(EXPECTED.foreignKeys.find((f) => f.name === "slot_partner_id_fkey")).toMatchObject({
      refTable: "slot",
      onDelete: "SET NULL",
      onUpdate: "CASCADE",
    });
  });

  it("has every table, column, key, index and foreign key of schema.prisma and nothing else", async () => {
    expectMatch(await compare(scratch.db));
  });

  it("reports what a changed schema.prisma adds that the migrations lack", async () => {
    const changed = SCHEMA_TEXT.replace(
      'secondDoseAfterDays Int             @map("second_dose_after_days")',
      'secondDoseAfterDays Int             @map("second_dose_after_days")\n  note String?\n  @@index([name])',
    ).replace(
      '  districtName String    @map("district_name")',
      '  districtName String    @map("district_name") @db.VarChar(80)',
    );
    expect(changed).not.toBe(SCHEMA_TEXT);
    const report = await compare(scratch.db, expectedSchema(readDatamodel(changed)));
    expect(report.mismatches).toEqual([
      "column postcode.district_name (Postcode.districtName): type is text, expected character varying(80)",
      "column vaccine.note (Vaccine.note): missing",
      "index vaccine_name_idx on vaccine(name): missing",
    ]);
  });

  it("reports an allow-listed SQL-only object that does not exist", async () => {
    const stale: SqlOnlyObject[] = [
      ...SQL_ONLY_OBJECTS,
      { kind: "function", name: "ledger_gone" },
      { kind: "check-constraint", table: "booking", name: "slot_within_capacity" },
      { kind: "partial-index", table: "booking", name: "booking_code_key" },
      { kind: "generated-column", table: "slot", name: "capacity" },
    ];
    const report = await compare(scratch.db, EXPECTED, stale);
    expect(report.mismatches).toEqual([
      "sql-only check-constraint slot_within_capacity on booking: allow-listed in sql-only-objects.ts but not in the database",
      "sql-only function ledger_gone: allow-listed in sql-only-objects.ts but not in the database",
      "sql-only generated-column capacity on slot: allow-listed in sql-only-objects.ts but not in the database",
      "sql-only partial-index booking_code_key on booking: allow-listed in sql-only-objects.ts but not in the database",
    ]);
  });
});

describe("the schema comparison fails on a database that drifted from schema.prisma (PGlite)", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await migratedPglite();
    const session = await scratch.db.session();
    try {
      await session.exec(`
        ALTER TABLE slot ADD COLUMN note TEXT;
        ALTER TABLE hold ADD COLUMN doubled INTEGER GENERATED ALWAYS AS (first_slot_id * 2) STORED;
        DROP INDEX hold_owner_idx;
        ALTER TABLE booking ALTER COLUMN channel DROP NOT NULL;
        ALTER TABLE person ALTER COLUMN phone TYPE VARCHAR(20);
        ALTER TABLE booking ALTER COLUMN status SET DEFAULT 'cancelled';
        ALTER TABLE hold ALTER COLUMN created_at SET DEFAULT now() + interval '1 minute';
        ALTER TABLE booking_event DROP CONSTRAINT booking_event_booking_id_fkey;
        ALTER TABLE booking_event ADD CONSTRAINT booking_event_booking_id_fkey FOREIGN KEY (booking_id)
          REFERENCES booking (id) ON DELETE CASCADE ON UPDATE CASCADE;
        DROP INDEX supply_release_region_id_week_start_idx;
        CREATE INDEX supply_release_region_id_week_start_idx ON supply_release (week_start, region_id);
        CREATE INDEX booking_channel_idx ON booking (channel);
        ALTER TABLE slot DROP CONSTRAINT slot_dose_is_1_or_2;
        ALTER TABLE slot ADD CONSTRAINT slot_capacity_positive CHECK (capacity > 0);
        CREATE TABLE audit_note (id SERIAL PRIMARY KEY, body TEXT);
        CREATE FUNCTION stray() RETURNS INTEGER LANGUAGE sql AS 'SELECT 1';
      `);
    } finally {
      await session.release();
    }
  });
  afterAll(async () => {
    await scratch?.dispose();
  });

  it("reports each difference, in both directions", async () => {
    const report = await compare(scratch.db);
    expect(report.mismatches).toEqual([
      "column booking.channel (Booking.channel): is nullable, expected NOT NULL",
      "column booking.status (Booking.status): default is 'cancelled'::text, expected the value \"active\"",
      "column hold.created_at (Hold.createdAt): default is (now() + '00:01:00'::interval), expected CURRENT_TIMESTAMP",
      "column hold.doubled: not in schema.prisma",
      "column person.phone (Person.phone): type is character varying(20), expected text",
      "column slot.note: not in schema.prisma",
      "constraint audit_note_pkey on audit_note: not in schema.prisma (PRIMARY KEY (id))",
      "constraint slot_capacity_positive on slot: not in schema.prisma (CHECK ((capacity > 0)))",
      "foreign key booking_event_booking_id_fkey (BookingEvent.booking) booking_event(booking_id) → booking(id): ON DELETE CASCADE, expected ON DELETE RESTRICT",
      "function stray(): not in schema.prisma",
      "index booking_channel_idx on booking(channel): not in schema.prisma",
      "index hold_owner_idx on hold(owner): missing",
      "index supply_release_region_id_week_start_idx on supply_release(region_id, week_start): columns are (week_start, region_id)",
      "primary key index audit_note_pkey on audit_note(id): not in schema.prisma",
      "sequence audit_note_id_seq (owned by audit_note.id): not in schema.prisma",
      "sql-only check-constraint slot_dose_is_1_or_2 on slot: allow-listed in sql-only-objects.ts but not in the database",
      "table audit_note: not in schema.prisma",
    ]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  "schema.prisma matches the migrated database (PostgreSQL; set DATABASE_URL to run)",
  () => {
    let scratch: ScratchDatabase;
    beforeAll(async () => {
      scratch = await migratedPostgres(process.env.DATABASE_URL ?? "");
    });
    afterAll(async () => {
      await scratch?.dispose();
    });

    it("has every table, column, key, index and foreign key of schema.prisma and nothing else", async () => {
      expectMatch(await compare(scratch.db));
    });

    it("reports drift there too (runs last: it changes the scratch database)", async () => {
      const session = await scratch.db.session();
      try {
        await session.exec("ALTER TABLE slot ADD COLUMN note TEXT; DROP INDEX hold_owner_idx;");
      } finally {
        await session.release();
      }
      expect((await compare(scratch.db)).mismatches).toEqual([
        "column slot.note: not in schema.prisma",
        "index hold_owner_idx on hold(owner): missing",
      ]);
    });
  },
);
