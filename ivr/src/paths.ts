import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MIGRATIONS_DIR = join(PROJECT_ROOT, "prisma", "migrations");
export const REFERENCE_DATA_DIR = join(PROJECT_ROOT, "prisma", "data");
