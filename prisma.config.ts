// Prisma 7 reads this for CLI commands. Only `prisma generate` is used here: the schema
// engine that migrate/db push need cannot be downloaded on this network, so migrations are
// applied by ivr/src/adapters/db/migrator.ts instead.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
