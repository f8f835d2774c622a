// Configuration is read once, here, and checked; nothing else reads process.env.
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./contracts/accounts-api.ts";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Express's `trust proxy`: nothing, a number of proxy hops, or the proxies' addresses and networks. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyAddress = (entry: string) => {
  if (PROXY_NAMES.has(entry)) return true;
  const [ip, bits, ...rest] = entry.split("/");
  const version = isIP(ip ?? "");
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};
const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  const text = value.trim();
  if (text === "false" || text === "0") return false;
  if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
  const entries = text.split(",").map((e) => e.trim());
  if (text !== "true" && entries.every(isProxyAddress)) return entries;
  ctx.addIssue({
    code: "custom",
    message:
      "expected a number of proxies (1) or their addresses (10.0.0.0/8, loopback); true would believe any X-Forwarded-For",
  });
  return z.NEVER;
});
/** The token .env.example publishes: anyone could sign webhooks with it. */
export const DEFAULT_TWILIO_AUTH_TOKEN = "dev-auth-token-change-me";
/** The README's demo sign-ins: created in development only, refused and disabled in production. */
export const DEMO_AGENT_ACCOUNTS = "anna:Anna Becker:impfen-anna,ben:Ben Kaya:impfen-ben";
export const DEMO_SUPERVISOR_ACCOUNTS = "leitung:Sabine Leitner:impfen-leitung";

export interface SeedAccount {
  id: string;
  displayName: string;
  password: string;
  role: "agent" | "supervisor";
}

/** "anna:Anna Becker:geheim,ben:Ben Kaya:geheim2" → accounts (a password may contain ":"). */
export function parseAccounts(spec: string, role: SeedAccount["role"]): SeedAccount[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, displayName, ...rest] = entry.split(":");
      const password = rest.join(":");
      if (!id?.trim() || !displayName?.trim() || !password)
        throw new Error(`account "${id ?? ""}:…" must be id:Display Name:password`);
      return { id: id.trim(), displayName: displayName.trim(), password, role };
    });
}

export const DEMO_ACCOUNTS: SeedAccount[] = [
  ...parseAccounts(DEMO_AGENT_ACCOUNTS, "agent"),
  ...parseAccounts(DEMO_SUPERVISOR_ACCOUNTS, "supervisor"),
];

const accountList = (role: SeedAccount["role"]) =>
  z.string().transform((spec, ctx) => {
    try {
      return parseAccounts(spec, role);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

const schema = z.object({
  // Read once at start: a change takes a restart (of every server process).
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /**
   * Which X-Forwarded-For entries tell the client's address (sign-in and request limits):
   * "false" (the default) none, the connection's address counts; a number: that many proxies in
   * front; or the proxies' addresses and networks, comma-separated.
   */
  TRUST_PROXY: trustProxy.default(false),
  /**
   * The public GET /api/availability: requests a minute from one address, and a second from
   * everyone together, per server process (counted in memory, so a flood costs no database work).
   */
  AVAILABILITY_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  AVAILABILITY_PER_SECOND: z.coerce.number().int().min(1).default(100),
  /** Seconds a client may take to send a whole request (headers and body); then 408 and closed. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url().startsWith("postgres").optional(),
  DATA_DIR: z.string().default("./data"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUTO_SEED: bool.default(true),
  SEED_WEEKS: z.coerce.number().int().min(0).max(52).default(8),
  SEED_WEEKLY_DOSES_NORDRHEIN: z.coerce.number().int().min(0).default(50_000),
  SEED_WEEKLY_DOSES_WESTFALEN_LIPPE: z.coerce.number().int().min(0).default(50_000),
  SEED_WEEKLY_DOSES_HESSEN: z.coerce.number().int().min(0).default(49_000),
  HOLD_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(10),
  CALL_SESSION_KEEP_MINUTES: z.coerce
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  CALL_SESSION_IDLE_HOURS: z.coerce
    .number()
    .min(1)
    .max(7 * 24)
    .default(6),
  MIN_AGE: z.coerce.number().int().min(0).max(120).default(80),
  /**
   * An announced age group may register on the waiting list before it is called (invitations
   * still go only to MIN_AGE and older); unset: nobody younger than MIN_AGE.
   */
  WAITLIST_FROM_AGE: z.coerce.number().int().min(0).max(120).optional(),
  /** Music between the queue announcements; Twilio fetches it, so it must be public. */
  HOLD_MUSIC_URL: z
    .string()
    .url()
    .default("http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3"),
  TWILIO_ACCOUNT_SID: z.string().default("AC00000000000000000000000000000000"),
  TWILIO_AUTH_TOKEN: z.string().min(8).default(DEFAULT_TWILIO_AUTH_TOKEN),
  PUBLIC_BASE_URL: z.string().url().optional(),
  TELEPHONY: z.enum(["emulator", "twilio"]).default("emulator"),
  TWILIO_CALLER_ID: z.string().optional(),
  EMULATED_CALLEE: z.enum(["answer", "no-answer", "busy", "silent", "machine"]).default("answer"),
  /** Where terminal phones wait for the emulator's calls (`npm run call -- --answer N`); default tmp/phones. */
  EMULATED_PHONES_DIR: z.string().optional(),
  /** Calling hours for automated outbound calls (invitations, reminders), Europe/Berlin, "HH:MM-HH:MM". */
  OUTBOUND_CALLING_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "HH:MM-HH:MM")
    .refine((v) => v.slice(0, 5) < v.slice(6), "opens before it closes")
    .default("09:00-19:00"),
  PLANNED_AGENTS: z.coerce.number().int().min(1).default(10),
  CALLBACK_WORKER: z.enum(["in-process", "off"]).default("in-process"),
  /**
   * "on": a due callback rings at a free agent's desk like a waiting call (accept, then one
   * "Anrufen" per attempt), and the dialler leaves callbacks alone; "off": the dialler dials them
   * and an answered callee waits in the agent queue.
   */
  CALLBACK_OFFERS: z.enum(["on", "off"]).default("on"),
  /** Seconds an offered call rings at an agent's desk before it counts as missed and goes to the next agent. */
  OFFER_RING_SECONDS: z.coerce.number().int().min(5).max(120).default(15),
  /** Seconds a caller waits for an agent speaking their language before any free agent is offered the call. */
  OFFER_ANY_LANGUAGE_AFTER_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Seconds of wrap-up after a conversation (extendable once by as much) before the agent is available again. */
  WRAP_UP_SECONDS: z.coerce.number().int().min(10).max(1800).default(60),
  JOURNAL_DIR: z.string().optional(),
  /** Demo agents, created when missing; only outside production (see productionMode). */
  AGENT_ACCOUNTS: accountList("agent").default(parseAccounts(DEMO_AGENT_ACCOUNTS, "agent")),
  /** The first supervisor(s), created when missing; from then on accounts live in the database. */
  SUPERVISOR_ACCOUNTS: accountList("supervisor").default(parseAccounts(DEMO_SUPERVISOR_ACCOUNTS, "supervisor")),
  SESSION_HOURS: z.coerce.number().min(1).max(72).default(12),
  REDIS_URL: z.string().url().optional(),
  METRICS_TOKEN: z.string().min(8).optional(),
  TWILIO_API_KEY: z.string().optional(),
  TWILIO_API_SECRET: z.string().optional(),
  TWILIO_TWIML_APP_SID: z.string().optional(),
  /** Milliseconds between routing rounds (offers, their timeouts, wrap-up ends); 0 only in tests that run rounds themselves. */
  ROUTING_ROUND_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Test hook only: a worker stalls this long after claiming (to be killed mid-claim). */
  WORKER_PAUSE_AFTER_CLAIM_MS: z.coerce.number().int().min(0).default(0),
  TWILIO_SMS_FROM: z.string().optional(),
  /** The number callers dial, as letters print it (read at start). */
  HOTLINE_PHONE: z.string().min(3).max(40).default("116 117"),
  /** The return line above the address window of letters (read at start). */
  LETTER_SENDER: z.string().min(3).max(120).default("Impf-Hotline für Nordrhein-Westfalen und Hessen"),
  /** Twilio's processing region and edge for REST calls: "ie1" and "dublin" keep data in the EU. */
  TWILIO_REGION: z
    .string()
    .regex(/^[a-z]{2}\d$/)
    .optional(),
  TWILIO_EDGE: z
    .string()
    .regex(/^[a-z-]+$/)
    .optional(),

  // Operations settings (domain/operations-settings.ts), changed at run time. These values only
  // seed them: the first start against a database without stored settings writes them to the
  // operations_settings table; from then on every process reads the stored ones (refreshed each
  // second) and ignores these. The supervisor page edits the opening hours, the queue capacity,
  // the callback threshold, attempts and retry delays; PUT /api/supervisor/settings also the
  // handle time, release window, hold hours and calls per second.
  HOTLINE_OPENS: hhmm.default("08:00"),
  HOTLINE_CLOSES: hhmm.default("22:00"),
  QUEUE_CAPACITY: z.coerce.number().int().min(1).max(100_000).default(1000),
  OFFER_CALLBACK_ABOVE_MINUTES: z.coerce.number().int().min(0).default(20),
  /** The callback capacity estimate also uses this start value (not the live one) until handle times are measured. */
  DEFAULT_HANDLE_SECONDS: z.coerce.number().int().min(30).default(300),
  CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  CALLBACK_RETRY_MINUTES: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .default("120,1440")
    .transform((v) => v.split(",").map(Number)),
  CALLBACK_RELEASE_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  CALLBACK_HOLD_HOURS: z.coerce.number().min(0).max(72).default(24),
  CALLS_PER_SECOND: z.coerce.number().min(0.1).max(100).default(1),
  // Stored with the operations settings on the first start too, but nothing changes them later.
  QUEUE_NAME: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .default("agents"),
  CALLBACK_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const unsafe = unsafeSettings(parsed.data);
  if (unsafe.length > 0) {
    const mode = parsed.data.NODE_ENV === "production" ? "NODE_ENV=production" : "TELEPHONY=twilio";
    throw new Error(
      `Refusing to start with ${mode} and these unsafe settings:\n${unsafe.map((u) => `  ${u}`).join("\n")}`,
    );
  }
  return parsed.data;
}

/** Real callers and real health data: production, or a real Twilio account. */
export function productionMode(config: Pick<Config, "NODE_ENV" | "TELEPHONY">): boolean {
  return config.NODE_ENV === "production" || config.TELEPHONY === "twilio";
}

const DEMO_PASSWORDS = new Set(DEMO_ACCOUNTS.map((a) => a.password));

/** In production mode, every setting that would leave the hotline open, each named; empty otherwise. */
export function unsafeSettings(config: Config): string[] {
  if (!productionMode(config)) return [];
  const unsafe: string[] = [];
  if (config.TWILIO_AUTH_TOKEN === DEFAULT_TWILIO_AUTH_TOKEN)
    unsafe.push(
      `TWILIO_AUTH_TOKEN is the published default "${DEFAULT_TWILIO_AUTH_TOKEN}": anyone could sign webhooks; set your Twilio account's auth token`,
    );
  const demo = config.SUPERVISOR_ACCOUNTS.filter((a) => DEMO_PASSWORDS.has(a.password)).map((a) => a.id);
  if (demo.length > 0)
    unsafe.push(
      `SUPERVISOR_ACCOUNTS holds the README's demo password for ${demo.join(", ")}: set the first supervisor`,
    );
  const short = config.SUPERVISOR_ACCOUNTS.filter(
    (a) => !DEMO_PASSWORDS.has(a.password) && a.password.length < PASSWORD_MIN_LENGTH,
  ).map((a) => a.id);
  if (short.length > 0)
    unsafe.push(
      `SUPERVISOR_ACCOUNTS: the password of ${short.join(", ")} is shorter than ${PASSWORD_MIN_LENGTH} characters`,
    );
  if (!config.METRICS_TOKEN)
    unsafe.push("METRICS_TOKEN is not set: /metrics (queue, agents, bookings) would be open to anyone");
  return unsafe;
}

/** Reads KEY=value lines from .env into process.env; variables already set win. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
