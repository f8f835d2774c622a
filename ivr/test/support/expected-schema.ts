// What `prisma migrate` would create in PostgreSQL for a datamodel: tables, columns with
// their types, nullability and defaults, primary keys, unique and plain indexes, foreign keys
// and enum types, named the way Prisma names them.
import type { DmmfDatamodel, DmmfField, DmmfModel } from "./prisma-dmmf.ts";

export type ExpectedDefault =
  | { kind: "none" }
  /** @default(autoincrement()): SERIAL, i.e. nextval() of a sequence owned by the column. */
  | { kind: "sequence" }
  /** A default PostgreSQL prints exactly like this (now() → CURRENT_TIMESTAMP, dbgenerated). */
  | { kind: "expression"; sql: string }
  /** A literal; compared with the value the column default evaluates to, cast to text. */
  | { kind: "literal"; text: string; compareAs: "text" | "number" | "time" | "json" };

export interface ExpectedColumn {
  /** "Model.field", for messages. */
  field: string;
  name: string;
  /** As PostgreSQL's format_type() prints it. */
  type: string;
  notNull: boolean;
  default: ExpectedDefault;
}

export interface ExpectedTable {
  model: string;
  name: string;
  columns: ExpectedColumn[];
}

export interface ExpectedIndex {
  kind: "primary" | "unique" | "normal";
  name: string;
  table: string;
  columns: string[];
  descending: boolean[];
  method: string;
}

export type ReferentialAction = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";

export interface ExpectedForeignKey {
  /** "Model.relationField", for messages. */
  field: string;
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface ExpectedEnum {
  name: string;
  values: string[];
}

export interface ExpectedSchema {
  tables: ExpectedTable[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
  enums: ExpectedEnum[];
  /** Things in the datamodel this check does not know how to map: reported as mismatches. */
  unsupported: string[];
}

/** PostgreSQL's NAMEDATALEN - 1; Prisma truncates generated names to it (in bytes). */
const PG_MAX_IDENTIFIER = 63;

function truncateBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--; // stay on a UTF-8 boundary
  return bytes.subarray(0, end).toString("utf8");
}

/** Prisma's default constraint names (psl-core ConstraintNames) for PostgreSQL. */
export const prismaNames = {
  primaryKey: (table: string) => `${truncateBytes(table, PG_MAX_IDENTIFIER - "_pkey".length)}_pkey`,
  unique: (table: string, columns: string[]) =>
    `${truncateBytes(`${table}_${columns.join("_")}`, PG_MAX_IDENTIFIER - "_key".length)}_key`,
  index: (table: string, columns: string[]) =>
    `${truncateBytes(`${table}_${columns.join("_")}`, PG_MAX_IDENTIFIER - "_idx".length)}_idx`,
  foreignKey: (table: string, columns: string[]) =>
    `${truncateBytes(`${table}_${columns.join("_")}`, PG_MAX_IDENTIFIER - "_fkey".length)}_fkey`,
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** @db.X(args) → format_type() text; undefined for a native type this check does not know. */
function nativeTypeSql(name: string, args: string[]): string | undefined {
  const params = args.length > 0 ? `(${args.join(",")})` : "";
  const simple: Record<string, string> = {
    Text: "text",
    Uuid: "uuid",
    Xml: "xml",
    Inet: "inet",
    Citext: "citext",
    Integer: "integer",
    SmallInt: "smallint",
    BigInt: "bigint",
    Oid: "oid",
    DoublePrecision: "double precision",
    Real: "real",
    Money: "money",
    Date: "date",
    Boolean: "boolean",
    Json: "json",
    JsonB: "jsonb",
    ByteA: "bytea",
  };
  if (simple[name] !== undefined) return simple[name];
  switch (name) {
    case "Char":
      return `character${params}`;
    case "VarChar":
      return `character varying${params}`;
    case "Bit":
      return `bit${params}`;
    case "VarBit":
      return `bit varying${params}`;
    case "Decimal":
      return `numeric${params}`;
    case "Timestamp":
      return `timestamp${params} without time zone`;
    case "Timestamptz":
      return `timestamp${params} with time zone`;
    case "Time":
      return `time${params} without time zone`;
    case "Timetz":
      return `time${params} with time zone`;
    default:
      return undefined;
  }
}

function columnName(f: DmmfField): string {
  return f.dbName ?? f.name;
}

function tableName(m: DmmfModel): string {
  return m.dbName ?? m.name;
}

function literalText(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = value.map(literalText);
    return items.every((i) => i !== undefined) ? `{${items.join(",")}}` : undefined;
  }
  return undefined;
}

function expectedDefault(
  f: DmmfField,
  enumValueDbName: (type: string, value: string) => string,
): ExpectedDefault | string {
  const d = f.default;
  if (d === undefined) return { kind: "none" };
  if (typeof d === "object" && d !== null && !Array.isArray(d) && "name" in d) {
    const fn = d as { name: string; args: unknown[] };
    switch (fn.name) {
      case "autoincrement":
        return { kind: "sequence" };
      case "now":
        return { kind: "expression", sql: "CURRENT_TIMESTAMP" };
      case "dbgenerated":
        return typeof fn.args[0] === "string"
          ? { kind: "expression", sql: fn.args[0] }
          : "dbgenerated() without SQL is not supported by this check";
      case "uuid":
      case "cuid":
      case "nanoid":
      case "ulid":
        return { kind: "none" }; // generated by Prisma Client, not by the database
      default:
        return `default ${fn.name}() is not supported by this check`;
    }
  }
  if (f.kind === "enum" && typeof d === "string")
    return { kind: "literal", text: enumValueDbName(f.type, d), compareAs: "text" };
  const text = literalText(d);
  if (text === undefined) return `default ${JSON.stringify(d)} is not supported by this check`;
  if (f.isList) return { kind: "literal", text, compareAs: "text" };
  const compareAs =
    f.type === "DateTime"
      ? "time"
      : f.type === "Json"
        ? "json"
        : ["Int", "BigInt", "Float", "Decimal"].includes(f.type)
          ? "number"
          : "text";
  return { kind: "literal", text, compareAs };
}

export function expectedSchema(dm: DmmfDatamodel): ExpectedSchema {
  const unsupported: string[] = [];
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const enumValueDbName = (type: string, value: string) =>
    enums.get(type)?.values.find((v) => v.name === value)?.dbName ?? value;
  const col = (m: DmmfModel, name: string) => {
    const f = m.fields.find((x) => x.name === name);
    return f ? columnName(f) : name;
  };

  const tables: ExpectedTable[] = dm.models.map((m) => {
    if (m.schema !== null) unsupported.push(`model ${m.name}: multi-schema (@@schema) is not supported by this check`);
    const columns: ExpectedColumn[] = [];
    for (const f of m.fields.filter((x) => x.kind !== "object")) {
      const where = `${m.name}.${f.name}`;
      let type: string | undefined;
      if (f.kind === "enum") {
        const e = enums.get(f.type);
        type = e ? (e.dbName ?? e.name) : undefined;
      } else if (f.nativeType) {
        type = nativeTypeSql(f.nativeType[0], f.nativeType[1]);
      } else {
        type = SCALAR_TYPES[f.type];
      }
      if (type === undefined) {
        unsupported.push(
          `${where}: type ${f.type}${f.nativeType ? ` @db.${f.nativeType[0]}` : ""} is not supported by this check`,
        );
        continue;
      }
      const def = expectedDefault(f, enumValueDbName);
      if (typeof def === "string") {
        unsupported.push(`${where}: ${def}`);
        continue;
      }
      // Prisma Migrate creates scalar lists (String[]) without NOT NULL, although the field is required.
      const notNull = f.isRequired && !f.isList;
      columns.push({ field: where, name: columnName(f), type: f.isList ? `${type}[]` : type, notNull, default: def });
    }
    return { model: m.name, name: tableName(m), columns };
  });

  const indexes: ExpectedIndex[] = [];
  for (const ix of dm.indexes) {
    const m = models.get(ix.model);
    if (!m) continue;
    const table = tableName(m);
    const columns = ix.fields.map((f) => col(m, f.name));
    if (ix.type === "fulltext") {
      unsupported.push(`${ix.model}: @@fulltext is not supported by PostgreSQL`);
      continue;
    }
    const kind = ix.type === "id" ? "primary" : ix.type;
    const defaultName =
      kind === "primary"
        ? prismaNames.primaryKey(table)
        : kind === "unique"
          ? prismaNames.unique(table, columns)
          : prismaNames.index(table, columns);
    indexes.push({
      kind,
      name: ix.dbName ?? defaultName,
      table,
      columns,
      descending: ix.fields.map((f) => f.sortOrder === "desc"),
      method: (ix.algorithm ?? "btree").toLowerCase(),
    });
  }

  // Prisma's defaults: ON DELETE RESTRICT for a required relation, SET NULL for an optional
  // one; ON UPDATE CASCADE. (DMMF does not carry @relation(map:), so names are the default.)
  const actions: Record<string, ReferentialAction> = {
    NoAction: "NO ACTION",
    Restrict: "RESTRICT",
    Cascade: "CASCADE",
    SetNull: "SET NULL",
    SetDefault: "SET DEFAULT",
  };
  const foreignKeys: ExpectedForeignKey[] = [];
  for (const m of dm.models) {
    for (const f of m.fields) {
      if (f.kind !== "object" || !f.relationFromFields || f.relationFromFields.length === 0) continue;
      const target = models.get(f.type);
      if (!target) continue;
      const table = tableName(m);
      const columns = f.relationFromFields.map((n) => col(m, n));
      const onDelete = f.relationOnDelete ? actions[f.relationOnDelete] : f.isRequired ? "RESTRICT" : "SET NULL";
      const onUpdate = f.relationOnUpdate ? actions[f.relationOnUpdate] : "CASCADE";
      if (!onDelete || !onUpdate) {
        unsupported.push(`${m.name}.${f.name}: referential action is not supported by this check`);
        continue;
      }
      foreignKeys.push({
        field: `${m.name}.${f.name}`,
        name: prismaNames.foreignKey(table, columns),
        table,
        columns,
        refTable: tableName(target),
        refColumns: (f.relationToFields ?? []).map((n) => col(target, n)),
        onDelete,
        onUpdate,
      });
    }
  }

  return {
    tables,
    indexes,
    foreignKeys,
    enums: dm.enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) })),
    unsupported,
  };
}
