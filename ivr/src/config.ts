// Configuration is read once, here, and checked; nothing else reads process.env.
import { existsSync } from "node:fs";
import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url().startsWith("postgres").optional(),
  DATA_DIR: z.string().default("./data"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUTO_SEED: bool.default(true),
  SEED_WEEKS: z.coerce.number().int().min(0).max(52).default(8),
  SEED_WEEKLY_DOSES_NORDRHEIN: z.coerce.number().int().min(0).default(50_000),
  SEED_WEEKLY_DOSES_WESTFALEN_LIPPE: z.coerce.number().int().min(0).default(50_000),
  SEED_WEEKLY_DOSES_HESSEN: z.coerce.number().int().min(0).default(49_000),
  HOLD_MINUTES: z.coerce.number().min(1).max(24 * 60).default(10),
  MIN_AGE: z.coerce.number().int().min(0).max(120).default(80),
  HOTLINE_OPENS: hhmm.default("08:00"),
  HOTLINE_CLOSES: hhmm.default("22:00"),
  TWILIO_ACCOUNT_SID: z.string().default("AC00000000000000000000000000000000"),
  TWILIO_AUTH_TOKEN: z.string().min(8).default("dev-auth-token-change-me"),
  PUBLIC_BASE_URL: z.string().url().optional(),
  TELEPHONY: z.enum(["emulator", "twilio"]).default("emulator"),
  TWILIO_SMS_FROM: z.string().optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

/** Reads KEY=value lines from .env into process.env; variables already set win. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
