// One root logger, passed into whatever needs it. Personal data never reaches the logs:
// phone numbers, names and birth dates are redacted wherever they appear in a log object.
import { pino, type Logger } from "pino";

export type { Logger };

const PERSONAL_KEYS = ["phone", "from", "From", "Caller", "to", "To", "name", "birthDate", "SpeechResult", "Digits"];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
      censor: "[redacted]",
    },
  });
}
