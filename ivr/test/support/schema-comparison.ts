// Compares what schema.prisma says (ExpectedSchema) with what a database contains
// (DbSnapshot), both ways: everything Prisma expects must be there exactly, and everything
// in the database must be known to schema.prisma or be on the SQL-only allow-list, whose
// entries must in turn exist. Returns one readable line per difference.
import type { SqlOnlyObject } from "../../src/adapters/db/sql-only-objects.ts";
import type { ExpectedColumn, ExpectedSchema, ReferentialAction } from "./expected-schema.ts";
import type { DbColumn, DbSnapshot } from "./schema-introspection.ts";

export interface SchemaComparison {
  /** Sorted; empty when the database matches. */
  mismatches: string[];
  /** How many objects of each kind schema.prisma and the allow-list made us check. */
  compared: {
    tables: number;
    columns: number;
    primaryKeys: number;
    uniqueIndexes: number;
    indexes: number;
    foreignKeys: number;
    enums: number;
    sqlOnlyObjects: number;
  };
}

const FK_ACTIONS: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

const RELATION_KINDS: Record<string, string> = {
  r: "table",
  p: "partitioned table",
  v: "view",
  m: "materialized view",
  f: "foreign table",
};

const cols = (columns: readonly (string | null)[]) => `(${columns.map((c) => c ?? "<expression>").join(", ")})`;
const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** How PostgreSQL prints a relation name inside a regclass literal. */
const regclassText = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/** Compares an evaluated column default (text) with a Prisma literal default. */
function sameLiteral(actual: string, expected: string, compareAs: "text" | "number" | "time" | "json"): boolean {
  switch (compareAs) {
    case "number":
      return Number(actual) === Number(expected);
    case "time": {
      // PostgreSQL prints "2021-01-04", "2021-01-04 08:00:00" or "2021-01-04 08:00:00+01"; values
      // without an offset (date, timestamp without time zone) are UTC, as Prisma writes them.
      let iso = actual.replace(" ", "T");
      if (/^\d{4}-\d\d-\d\d$/.test(iso)) iso += "T00:00:00";
      iso = iso.replace(/([+-]\d\d)$/, "$1:00");
      if (!/(Z|[+-]\d\d:\d\d)$/.test(iso)) iso += "Z";
      return Date.parse(iso) === Date.parse(expected);
    }
    case "json":
      try {
        return JSON.stringify(JSON.parse(actual)) === JSON.stringify(JSON.parse(expected));
      } catch {
        return false;
      }
    case "text":
      return actual === expected;
  }
}

function compareColumn(table: string, e: ExpectedColumn, c: DbColumn, db: DbSnapshot, out: string[]): void {
  const where = `column ${table}.${e.name} (${e.field})`;
  if (c.type !== e.type) out.push(`${where}: type is ${c.type}, expected ${e.type}`);
  if (c.notNull !== e.notNull)
    out.push(`${where}: is ${c.notNull ? "NOT NULL" : "nullable"}, expected ${e.notNull ? "NOT NULL" : "nullable"}`);
  if (c.identity) out.push(`${where}: is an identity column, which Prisma does not create`);
  if (c.generated) out.push(`${where}: is a generated column, which Prisma does not create`);
  const actual = c.default ?? "none";
  const d = e.default;
  switch (d.kind) {
    case "none":
      if (c.default !== null) out.push(`${where}: default is ${actual}, expected none`);
      break;
    case "sequence": {
      const seq = db.sequences.find((s) => s.ownedBy === `${table}.${e.name}`);
      const want = seq
        ? `nextval('${regclassText(seq.name)}'::regclass)`
        : "nextval() of a sequence owned by the column";
      if (!seq || c.default !== want) out.push(`${where}: default is ${actual}, expected ${want} (autoincrement)`);
      break;
    }
    case "expression":
      if (c.default !== d.sql) out.push(`${where}: default is ${actual}, expected ${d.sql}`);
      break;
    case "literal": {
      if (c.defaultValue === null || !sameLiteral(c.defaultValue, d.text, d.compareAs))
        out.push(`${where}: default is ${actual}, expected the value ${JSON.stringify(d.text)}`);
      break;
    }
  }
}

export function compareSchema(
  expected: ExpectedSchema,
  db: DbSnapshot,
  sqlOnly: readonly SqlOnlyObject[],
): SchemaComparison {
  const out: string[] = expected.unsupported.map((u) => `schema.prisma: ${u}`);
  const allowedTables = new Set(sqlOnly.flatMap((o) => (o.kind === "table" ? [o.name] : [])));
  const allowed = (kind: SqlOnlyObject["kind"], name: string, table?: string) =>
    sqlOnly.some((o) => o.kind === kind && o.name === name && (!("table" in o) || o.table === table));
  const relations = new Map(db.relations.map((r) => [r.name, r]));

  // Tables and columns.
  let columns = 0;
  const autoincrement = new Set<string>();
  for (const t of expected.tables) {
    columns += t.columns.length;
    for (const c of t.columns) if (c.default.kind === "sequence") autoincrement.add(`${t.name}.${c.name}`);
    const rel = relations.get(t.name);
    if (!rel || (rel.kind !== "r" && rel.kind !== "p")) {
      out.push(
        `table ${t.name} (model ${t.model}): ${rel ? `is a ${RELATION_KINDS[rel.kind] ?? rel.kind}` : "missing"}`,
      );
      continue;
    }
    const dbColumns = new Map(rel.columns.map((c) => [c.name, c]));
    for (const e of t.columns) {
      const c = dbColumns.get(e.name);
      if (c) compareColumn(t.name, e, c, db, out);
      else out.push(`column ${t.name}.${e.name} (${e.field}): missing`);
    }
    const known = new Set(t.columns.map((c) => c.name));
    for (const c of rel.columns) {
      if (known.has(c.name) || (c.generated && allowed("generated-column", c.name, t.name))) continue;
      out.push(`column ${t.name}.${c.name}: not in schema.prisma`);
    }
  }
  const modelTables = new Set(expected.tables.map((t) => t.name));
  for (const r of db.relations) {
    if (!modelTables.has(r.name) && !allowedTables.has(r.name)) {
      out.push(`${RELATION_KINDS[r.kind] ?? "relation"} ${r.name}: not in schema.prisma`);
    }
  }

  // Primary keys, unique indexes and indexes.
  const dbIndexes = new Map(db.indexes.map((i) => [i.name, i]));
  for (const e of expected.indexes) {
    const label = `${e.kind === "primary" ? "primary key" : e.kind === "unique" ? "unique index" : "index"} ${e.name} on ${e.table}${cols(e.columns)}`;
    if (e.kind === "primary") {
      const pk = db.constraints.find((c) => c.type === "p" && c.table === e.table);
      if (!pk) out.push(`${label}: missing`);
      else if (pk.name !== e.name || !same(pk.columns, e.columns))
        out.push(`${label}: found ${pk.name}${cols(pk.columns)}`);
      continue;
    }
    const i = dbIndexes.get(e.name);
    if (!i) {
      out.push(`${label}: missing`);
      continue;
    }
    if (i.table !== e.table) out.push(`${label}: is on table ${i.table}`);
    if (!same(i.columns, e.columns)) out.push(`${label}: columns are ${cols(i.columns)}`);
    if (i.unique !== (e.kind === "unique")) out.push(`${label}: is ${i.unique ? "" : "not "}unique`);
    if (i.partial) out.push(`${label}: is partial (has a WHERE clause)`);
    if (i.method !== e.method) out.push(`${label}: method is ${i.method}, expected ${e.method}`);
    if (!same(i.descending, e.descending))
      out.push(`${label}: sort order differs (DESC flags ${JSON.stringify(i.descending)})`);
    if (i.includes > 0) out.push(`${label}: has INCLUDE columns`);
  }
  const expectedIndexNames = new Set(expected.indexes.map((e) => e.name));
  for (const i of db.indexes) {
    if (expectedIndexNames.has(i.name) || allowedTables.has(i.table) || allowed("partial-index", i.name, i.table))
      continue;
    out.push(
      `${i.primary ? "primary key index" : i.unique ? "unique index" : "index"} ${i.name} on ${i.table}${cols(i.columns)}${i.partial ? " (partial)" : ""}: not in schema.prisma`,
    );
  }

  // Foreign keys.
  for (const e of expected.foreignKeys) {
    const label = `foreign key ${e.name} (${e.field}) ${e.table}${cols(e.columns)} → ${e.refTable}${cols(e.refColumns)}`;
    const fk = db.constraints.find((c) => c.type === "f" && c.name === e.name);
    if (!fk) {
      out.push(`${label}: missing`);
      continue;
    }
    if (
      fk.table !== e.table ||
      !same(fk.columns, e.columns) ||
      fk.refTable !== e.refTable ||
      !same(fk.refColumns, e.refColumns)
    ) {
      out.push(`${label}: is ${fk.table}${cols(fk.columns)} → ${fk.refTable}${cols(fk.refColumns)}`);
    }
    const onDelete = FK_ACTIONS[fk.onDelete] ?? fk.onDelete;
    const onUpdate = FK_ACTIONS[fk.onUpdate] ?? fk.onUpdate;
    if (onDelete !== e.onDelete) out.push(`${label}: ON DELETE ${onDelete}, expected ON DELETE ${e.onDelete}`);
    if (onUpdate !== e.onUpdate) out.push(`${label}: ON UPDATE ${onUpdate}, expected ON UPDATE ${e.onUpdate}`);
  }

  // Every constraint must be a primary key, unique index or foreign key of schema.prisma, or allow-listed.
  const expectedFks = new Set(expected.foreignKeys.map((f) => f.name));
  const expectedUniques = new Set(expected.indexes.filter((i) => i.kind === "unique").map((i) => i.name));
  const expectedPks = new Set(expected.indexes.filter((i) => i.kind === "primary").map((i) => `${i.table}.${i.name}`));
  for (const c of db.constraints) {
    if (allowedTables.has(c.table) || c.type === "n") continue; // NOT NULL (PostgreSQL 18+) is checked per column
    const known =
      (c.type === "p" && expectedPks.has(`${c.table}.${c.name}`)) ||
      (c.type === "f" && expectedFks.has(c.name)) ||
      (c.type === "u" && expectedUniques.has(c.name)) ||
      (c.type === "c" && allowed("check-constraint", c.name, c.table));
    if (!known) out.push(`constraint ${c.name} on ${c.table}: not in schema.prisma (${c.definition})`);
  }

  // Sequences: only those behind @default(autoincrement()).
  for (const s of db.sequences) {
    const ownerTable = s.ownedBy?.split(".")[0];
    if ((s.ownedBy && autoincrement.has(s.ownedBy)) || (ownerTable && allowedTables.has(ownerTable))) continue;
    out.push(`sequence ${s.name}${s.ownedBy ? ` (owned by ${s.ownedBy})` : ""}: not in schema.prisma`);
  }

  for (const f of db.functions)
    if (!allowed("function", f.name)) out.push(`function ${f.signature}: not in schema.prisma`);
  for (const t of db.triggers) out.push(`trigger ${t.name} on ${t.table}: not in schema.prisma`);

  // Enum types.
  const dbEnums = new Map(db.enums.map((e) => [e.name, e]));
  for (const e of expected.enums) {
    const found = dbEnums.get(e.name);
    if (!found) out.push(`enum ${e.name}: missing`);
    else if (!same(found.values, e.values))
      out.push(`enum ${e.name}: values are ${found.values.join(", ")}, expected ${e.values.join(", ")}`);
  }
  const expectedEnums = new Set(expected.enums.map((e) => e.name));
  for (const e of db.enums) if (!expectedEnums.has(e.name)) out.push(`enum ${e.name}: not in schema.prisma`);

  // The allow-list must not go stale: each entry has to exist, as the kind of object it claims.
  for (const o of sqlOnly) {
    const exists =
      o.kind === "table"
        ? relations.has(o.name)
        : o.kind === "function"
          ? db.functions.some((f) => f.name === o.name)
          : o.kind === "check-constraint"
            ? db.constraints.some((c) => c.type === "c" && c.name === o.name && c.table === o.table)
            : o.kind === "generated-column"
              ? (relations.get(o.table)?.columns.some((c) => c.name === o.name && c.generated) ?? false)
              : db.indexes.some((i) => i.partial && i.name === o.name && i.table === o.table);
    const where = "table" in o ? ` on ${o.table}` : "";
    if (!exists)
      out.push(`sql-only ${o.kind} ${o.name}${where}: allow-listed in sql-only-objects.ts but not in the database`);
    if (o.kind === "table" && modelTables.has(o.name))
      out.push(`sql-only table ${o.name}: allow-listed but also a model in schema.prisma`);
  }

  return {
    mismatches: out.sort(),
    compared: {
      tables: expected.tables.length,
      columns,
      primaryKeys: expected.indexes.filter((i) => i.kind === "primary").length,
      uniqueIndexes: expected.indexes.filter((i) => i.kind === "unique").length,
      indexes: expected.indexes.filter((i) => i.kind === "normal").length,
      foreignKeys: expected.foreignKeys.length,
      enums: expected.enums.length,
      sqlOnlyObjects: sqlOnly.length,
    },
  };
}
