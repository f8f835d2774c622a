// Runs `prisma generate` on install. Prisma's CLI insists on a schema-engine binary even for
// generate, which does not use it; that binary cannot be downloaded here, so we point the
// variable at an existing file (node itself) unless the machine provides a real one.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
