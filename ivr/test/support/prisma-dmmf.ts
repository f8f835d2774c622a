// Reads schema.prisma with Prisma's own parser: @prisma/prisma-schema-wasm, the same Wasm
// build of prisma-fmt that the prisma CLI bundles (pinned to the installed engines version).
// It works offline; get_dmmf returns the DMMF that generators receive, including native
// types, defaults, relation fields and every id/unique/index with its explicit name if any.
// Only the parts the schema check reads are validated here, so a changed DMMF shape in a
// Prisma upgrade fails loudly instead of being compared wrongly.
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { z } from "zod";

const field = z.looseObject({
  name: z.string(),
  dbName: z.string().nullish(),
  kind: z.enum(["scalar", "object", "enum", "unsupported"]),
  isList: z.boolean(),
  isRequired: z.boolean(),
  isUpdatedAt: z.boolean(),
  type: z.string(),
  nativeType: z.tuple([z.string(), z.array(z.string())]).nullish(),
  default: z.unknown().optional(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: z.string().optional(),
  relationOnUpdate: z.string().optional(),
});

const model = z.looseObject({
  name: z.string(),
  dbName: z.string().nullable(),
  schema: z.string().nullable(),
  fields: z.array(field),
});

const index = z.looseObject({
  model: z.string(),
  type: z.enum(["id", "unique", "normal", "fulltext"]),
  dbName: z.string().nullish(),
  algorithm: z.string().nullish(),
  fields: z.array(z.looseObject({ name: z.string(), sortOrder: z.enum(["asc", "desc"]).nullish() })),
});

const enumType = z.looseObject({
  name: z.string(),
  dbName: z.string().nullish(),
  values: z.array(z.looseObject({ name: z.string(), dbName: z.string().nullish() })),
});

const datamodel = z.looseObject({
  models: z.array(model),
  enums: z.array(enumType),
  indexes: z.array(index),
});

export type DmmfField = z.infer<typeof field>;
export type DmmfModel = z.infer<typeof model>;
export type DmmfIndex = z.infer<typeof index>;
export type DmmfEnum = z.infer<typeof enumType>;
export type DmmfDatamodel = z.infer<typeof datamodel>;

/** Parses and validates a Prisma schema; throws Prisma's own validation errors. */
export function readDatamodel(schemaText: string, fileName = "schema.prisma"): DmmfDatamodel {
  const dmmf: unknown = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [[fileName, schemaText]], noColor: true })));
  return z.object({ datamodel }).parse(dmmf).datamodel;
}
