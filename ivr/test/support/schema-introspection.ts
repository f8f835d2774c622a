// Reads what a PostgreSQL (or PGlite) database actually contains in its current schema, from
// pg_catalog: relations and columns, indexes, constraints, sequences, functions, triggers and
// enum types. Objects that belong to an extension are left out.
import type { SqlConnection } from "../../src/adapters/db/sql-connection.ts";

export interface DbColumn {
  name: string;
  /** format_type() of the column, e.g. "timestamp(3) with time zone", "text[]". */
  type: string;
  notNull: boolean;
  /** pg_get_expr() of the column default, e.g. "CURRENT_TIMESTAMP". */
  default: string | null;
  /** The default evaluated and cast to text (not for nextval() defaults). */
  defaultValue: string | null;
  identity: boolean;
  generated: boolean;
}

export interface DbRelation {
  name: string;
  /** pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table. */
  kind: string;
  columns: DbColumn[];
}

export interface DbIndex {
  name: string;
  table: string;
  /** Key columns in order; null for an expression. */
  columns: (string | null)[];
  descending: boolean[];
  includes: number;
  unique: boolean;
  primary: boolean;
  partial: boolean;
  method: string;
}

export interface DbConstraint {
  name: string;
  table: string;
  /** pg_constraint.contype: p, u, f, c, x, t (and n on PostgreSQL 18+). */
  type: string;
  columns: string[];
  refTable: string | null;
  refColumns: string[];
  /** confdeltype / confupdtype: a no action, r restrict, c cascade, n set null, d set default. */
  onDelete: string;
  onUpdate: string;
  definition: string;
}

export interface DbSequence {
  name: string;
  /** "table.column" of the column that owns it (SERIAL / identity), if any. */
  ownedBy: string | null;
}

export interface DbSnapshot {
  relations: DbRelation[];
  indexes: DbIndex[];
  constraints: DbConstraint[];
  sequences: DbSequence[];
  functions: { name: string; signature: string }[];
  triggers: { name: string; table: string }[];
  enums: { name: string; values: string[] }[];
}

const NOT_FROM_EXTENSION = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${classTable}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

const RELATIONS = `
SELECT c.relname::text AS relation, c.relkind::text AS kind, a.attname::text AS column,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_sql,
       a.attidentity::text <> '' AS is_identity, a.attgenerated::text <> '' AS is_generated
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND ${NOT_FROM_EXTENSION("pg_class", "c.oid")}
 ORDER BY c.relname, a.attnum`;

const INDEXES = `
SELECT i.relname::text AS name, t.relname::text AS table_name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
       ix.indpred IS NOT NULL AS is_partial, am.amname::text AS method, ix.indnatts - ix.indnkeyatts AS includes,
       ARRAY(SELECT a.attname::text
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
              WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS columns,
       ARRAY(SELECT (k.opt & 1) = 1
               FROM unnest(ix.indoption::int2[]) WITH ORDINALITY AS k(opt, ord)
              WHERE k.ord <= ix.indnkeyatts ORDER BY k.ord) AS descending
  FROM pg_index ix
  JOIN pg_class i ON i.oid = ix.indexrelid
  JOIN pg_class t ON t.oid = ix.indrelid
  JOIN pg_am am ON am.oid = i.relam
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = current_schema() AND ${NOT_FROM_EXTENSION("pg_class", "t.oid")}
 ORDER BY t.relname, i.relname`;

const CONSTRAINTS = `
SELECT con.conname::text AS name, t.relname::text AS table_name, con.contype::text AS type,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       rt.relname::text AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
       con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
       pg_get_constraintdef(con.oid) AS definition
  FROM pg_constraint con
  JOIN pg_class t ON t.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_class rt ON rt.oid = con.confrelid
 WHERE n.nspname = current_schema() AND ${NOT_FROM_EXTENSION("pg_class", "t.oid")}
 ORDER BY t.relname, con.conname`;

const SEQUENCES = `
SELECT s.relname::text AS name, owner.relname::text AS owner_table, a.attname::text AS owner_column
  FROM pg_class s
  JOIN pg_namespace n ON n.oid = s.relnamespace
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
        AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class owner ON owner.oid = d.refobjid
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE n.nspname = current_schema() AND s.relkind = 'S' AND ${NOT_FROM_EXTENSION("pg_class", "s.oid")}
 ORDER BY s.relname`;

const FUNCTIONS = `
SELECT p.proname::text AS name, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = current_schema() AND ${NOT_FROM_EXTENSION("pg_proc", "p.oid")}
 ORDER BY 2`;

const TRIGGERS = `
SELECT tg.tgname::text AS name, t.relname::text AS table_name
  FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = current_schema() AND NOT tg.tgisinternal
 ORDER BY 2, 1`;

const ENUMS = `
SELECT t.typname::text AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = current_schema() AND t.typtype = 'e' AND ${NOT_FROM_EXTENSION("pg_type", "t.oid")}
 ORDER BY 1`;

type Row = Record<string, unknown>;
const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const list = <T>(v: unknown, map: (x: unknown) => T): T[] => (Array.isArray(v) ? v.map(map) : []);

export async function introspect(db: SqlConnection): Promise<DbSnapshot> {
  const relationRows = await db.query<Row>(RELATIONS);
  const relations = new Map<string, DbRelation>();
  const evaluated: DbColumn[] = [];
  for (const r of relationRows) {
    const name = str(r.relation);
    let rel = relations.get(name);
    if (!rel) relations.set(name, (rel = { name, kind: str(r.kind), columns: [] }));
    if (r.column === null || r.column === undefined) continue;
    const column: DbColumn = {
      name: str(r.column),
      type: str(r.type),
      notNull: r.not_null === true,
      default: strOrNull(r.default_sql),
      defaultValue: null,
      identity: r.is_identity === true,
      generated: r.is_generated === true,
    };
    rel.columns.push(column);
    if (column.default !== null && !column.generated && !column.default.startsWith("nextval(")) evaluated.push(column);
  }
  // Evaluate literal-looking defaults in the database itself, so 0, '0'::smallint and
  // 'active'::text compare by value rather than by how PostgreSQL happens to print them.
  if (evaluated.length > 0) {
    const [values] = await db.query<Row>(
      `SELECT ${evaluated.map((c, i) => `(${c.default})::text AS v${i}`).join(", ")}`,
    );
    evaluated.forEach((c, i) => (c.defaultValue = strOrNull(values?.[`v${i}`])));
  }

  const indexes = (await db.query<Row>(INDEXES)).map((r): DbIndex => ({
    name: str(r.name),
    table: str(r.table_name),
    columns: list(r.columns, strOrNull),
    descending: list(r.descending, (x) => x === true),
    includes: Number(r.includes),
    unique: r.is_unique === true,
    primary: r.is_primary === true,
    partial: r.is_partial === true,
    method: str(r.method),
  }));
  const constraints = (await db.query<Row>(CONSTRAINTS)).map((r): DbConstraint => ({
    name: str(r.name),
    table: str(r.table_name),
    type: str(r.type),
    columns: list(r.columns, str),
    refTable: strOrNull(r.ref_table),
    refColumns: list(r.ref_columns, str),
    onDelete: str(r.on_delete),
    onUpdate: str(r.on_update),
    definition: str(r.definition),
  }));
  const sequences = (await db.query<Row>(SEQUENCES)).map((r): DbSequence => ({
    name: str(r.name),
    ownedBy: r.owner_table ? `${str(r.owner_table)}.${str(r.owner_column)}` : null,
  }));
  const functions = (await db.query<Row>(FUNCTIONS)).map((r) => ({ name: str(r.name), signature: str(r.signature) }));
  const triggers = (await db.query<Row>(TRIGGERS)).map((r) => ({ name: str(r.name), table: str(r.table_name) }));
  const enums = (await db.query<Row>(ENUMS)).map((r) => ({ name: str(r.name), values: list(r.labels, str) }));
  return { relations: [...relations.values()], indexes, constraints, sequences, functions, triggers, enums };
}
