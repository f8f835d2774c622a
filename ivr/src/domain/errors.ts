// Every failure the domain can report. Each code doubles as an i18n key for the caller's
// prompt, the agent console's message and the HTTP API's error body.
export const DOMAIN_ERROR_CODES = [
  "slot_taken",
  "hold_expired",
  "already_booked",
  "not_eligible",
  "postcode_invalid",
  "postcode_unknown",
  "outside_service_area",
  "code_invalid",
  "code_unknown",
  "booking_not_active",
  "centre_unknown",
  "region_unknown",
  "vaccine_unknown",
  "supply_invalid",
  "person_invalid",
  "database_unavailable",
  "queue_empty",
  "no_callback_due",
  "claim_lost",
  "call_unknown",
  "settings_changed",
  "person_not_found",
  "privacy_request_invalid",
  // Abuse limits (domain/limits): the detail carries retryAfterSeconds.
  "too_many_attempts",
  "too_many_lookups",
  "too_many_requests",
  "account_exists",
  "account_unknown",
  "account_own",
  "account_last_supervisor",
  "password_unsuitable",
  "hold_invalid",
  "hold_not_yours",
  "call_not_yours",
  "worklist_unknown",
  "contact_incomplete",
  // Routing and wrap-up (domain/agents): one conversation per agent, outcomes that happened.
  "conversation_busy",
  "offer_gone",
  "already_dialled",
  "not_dialled",
  "booking_missing",
  "no_conversation",
  "wrap_up_extended",
  // One agent conversation holds at most so many pairs at once (domain/ledger/hold-scope.ts).
  "hold_limit",
  // The waiting list and its invitation runs (domain/waitlist).
  "waitlist_unknown",
  "duplicate_unknown",
  "run_unknown",
  "run_finished",
  "campaign_paused",
  "invitation_unknown",
  "import_invalid",
  // The centre's day (domain/centre-day).
  "centre_other",
  "attendance_unknown",
  "day_report_invalid",
  // Call control (domain/agents/call-control.ts): hold, mute, transfer, monitoring.
  "call_not_live",
  "target_busy",
  "transfer_pending",
  "no_consult",
  "already_in_call",
  // The standby list (domain/standby): doses left and until when.
  "standby_invalid",
  // Supply drops (domain/supply): the week, the shift, the drop itself.
  "supply_drop_week_past",
  "supply_drop_shift_invalid",
  "supply_drop_unknown",
  "supply_drop_busy",
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
