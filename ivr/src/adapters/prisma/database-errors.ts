// Maps what PostgreSQL reports, through Prisma's driver adapters or straight from the driver
// (pg, PGlite), to the ledger's typed codes.
// The SQL functions raise P0001 with the code as message; unique indexes name the rule broken.
import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from "../../domain/errors.ts";
import { CodeCollision } from "../../domain/ledger/ledger-store.ts";

interface AdapterCause {
  originalCode?: string;
  originalMessage?: string;
}

function causeOf(error: unknown): AdapterCause | null {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } })?.meta;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  // pg's DatabaseError and PGlite's both carry the SQLSTATE as a five-character `code`.
  const raw = error as { code?: unknown; message?: unknown };
  if (typeof raw?.code === "string" && /^[0-9A-Z]{5}$/.test(raw.code)) {
    return { originalCode: raw.code, originalMessage: typeof raw.message === "string" ? raw.message : "" };
  }
  return null;
}

/** The SQLSTATE of a failed statement, whichever way it came. */
export function sqlStateOf(error: unknown): string | undefined {
  return causeOf(error)?.originalCode;
}

const CONSTRAINT_ERRORS: Record<string, DomainErrorCode | "code_collision" | "idempotency_replay"> = {
  booking_one_active_per_person: "already_booked",
  booking_code_key: "code_collision",
  booking_keypad_code_key: "code_collision",
  booking_idempotency_key_key: "idempotency_replay",
  booking_event_idempotency_key_key: "idempotency_replay",
  slot_within_capacity: "slot_taken",
  // Two holds for the same conversation and member at the same moment: the second is refused.
  hold_one_per_scope: "hold_limit",
};

export type MappedError = DomainError | CodeCollision | { idempotencyReplay: true } | null;

export function mapDatabaseError(error: unknown): MappedError {
  const cause = causeOf(error);
  if (isConnectionError(error)) return new DomainError("database_unavailable");
  if (!cause) return null;
  const message = cause.originalMessage ?? "";
  if (cause.originalCode === "P0001" && (DOMAIN_ERROR_CODES as readonly string[]).includes(message)) {
    return new DomainError(message as DomainErrorCode);
  }
  for (const [constraint, code] of Object.entries(CONSTRAINT_ERRORS)) {
    if (!message.includes(`"${constraint}"`)) continue;
    if (code === "code_collision") return new CodeCollision();
    if (code === "idempotency_replay") return { idempotencyReplay: true };
    return new DomainError(code);
  }
  return null;
}

export function isConnectionError(error: unknown): boolean {
  // SQLSTATE class 08 (connection exception) and 57P01-03 (server shutting down / restarting).
  const code = causeOf(error)?.originalCode ?? (error as { code?: unknown })?.code;
  if (typeof code === "string" && (code.startsWith("08") || /^57P0[123]$/.test(code))) return true;
  const text = String((error as { message?: unknown })?.message ?? error);
  return /ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|terminating connection|PGlite is closed|Cannot use a pool after calling end|Can't reach database|timeout exceeded when trying to connect/i.test(
    text,
  );
}
