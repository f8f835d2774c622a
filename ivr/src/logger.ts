// One root logger, passed into whatever needs it. Personal data never reaches the logs:
// phone numbers, names and birth dates are redacted wherever they appear in a log object.
import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger };

const PERSONAL_KEYS = [
  "phone",
  "from",
  "From",
  "Caller",
  "to",
  "To",
  "birthDate",
  "SpeechResult",
  "Digits",
  "person",
  "RecordingUrl",
];

/**
 * Errors are logged with type, code and stack but without their `meta`/`input`, and with
 * quoted values and long digit runs masked in the message: a database error repeats the
 * value it refused, and that value may be a phone number.
 */
function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: mask(String(err)) };
  const e = err as Error & { code?: unknown };
  return {
    type: e.constructor.name,
    message: mask(e.message),
    code: typeof e.code === "string" ? e.code : undefined,
    stack: e.stack ? mask(e.stack) : undefined,
  };
}

function mask(text: string): string {
  return text.replace(/"[^"\n]{1,200}"/g, '"[redacted]"').replace(/\+?\d{6,}/g, "[redacted]");
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    serializers: { err: safeError },
    redact: {
      paths: [...PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]), "name", "*.person.name"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
