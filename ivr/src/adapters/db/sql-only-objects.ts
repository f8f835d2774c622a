// Database objects that the migrations create but prisma/schema.prisma does not describe,
// because Prisma's schema language (as this project uses it) cannot express them. The test
// ivr/test/schema-matches-migrations.test.ts accepts exactly these beyond schema.prisma, and
// fails when one of them no longer exists, so this list cannot go stale.

export type SqlOnlyObject =
  | { kind: "table"; name: string }
  | { kind: "check-constraint"; table: string; name: string }
  | { kind: "partial-index"; table: string; name: string }
  | { kind: "generated-column"; table: string; name: string }
  | { kind: "function"; name: string };

export const SQL_ONLY_OBJECTS = [
  // Prisma Migrate's own bookkeeping table (written by migrator.ts); never a model.
  { kind: "table", name: "_prisma_migrations" },

  // Prisma has no CHECK constraints: booked + held never exceed capacity, whatever the caller does.
  { kind: "check-constraint", table: "slot", name: "slot_within_capacity" },
  // Prisma has no CHECK constraints: a slot is for dose 1 or dose 2, nothing else.
  { kind: "check-constraint", table: "slot", name: "slot_dose_is_1_or_2" },
  // Prisma has no CHECK constraints; status stays a String so the SQL functions can compare it to text.
  { kind: "check-constraint", table: "booking", name: "booking_status_known" },

  // Partial (WHERE) unique index: only behind Prisma 7's `partialIndexes` preview, which is not enabled here.
  { kind: "partial-index", table: "booking", name: "booking_one_active_per_person" },
  // Partial index (WHERE dose = 1 AND NOT is_full): same preview-only feature, not enabled.
  { kind: "partial-index", table: "slot", name: "slot_free_first_dose_idx" },
  // Partial index (migration 20261207090000): the agents' worklist of names and addresses to type.
  { kind: "partial-index", table: "person", name: "person_needs_check_idx" },
  // Prisma has no stored generated columns: booked + held >= capacity, kept by PostgreSQL. The
  // partial index above reads it instead of booked and held, so slot updates can be HOT.
  { kind: "generated-column", table: "slot", name: "is_full" },

  // Partial unique indexes (preview-only in Prisma 7, see above): one open offer per agent, per
  // call and per callback; one open conversation per agent (migration 20261207100000).
  { kind: "partial-index", table: "agent_offer", name: "agent_offer_one_open_per_agent" },
  { kind: "partial-index", table: "agent_offer", name: "agent_offer_one_open_per_call" },
  { kind: "partial-index", table: "agent_offer", name: "agent_offer_one_open_per_callback" },
  { kind: "partial-index", table: "conversation", name: "conversation_one_open_per_agent" },
  // One open conference leg per person and one caller leg per call (migration 20261207140000).
  { kind: "partial-index", table: "call_leg", name: "call_leg_one_open_per_agent" },
  { kind: "partial-index", table: "call_leg", name: "call_leg_one_caller" },

  // Prisma's schema language has no stored functions; these keep the ledger's pair updates atomic.
  { kind: "function", name: "ledger_hold_pair" },
  // Stored function (see above): gives held places back when holds are released or expire.
  { kind: "function", name: "ledger_release_holds" },
  // Stored function (see above): books a pair from a hold or from free capacity in one statement.
  { kind: "function", name: "ledger_book_pair" },
  // Stored function (see above): cancels a booking and frees both of its slots.
  { kind: "function", name: "ledger_cancel_booking" },
  // Stored function (migration 20261204090000): moves a booking to another pair in one statement, keeping its code.
  { kind: "function", name: "ledger_rebook" },

  // Queue and callbacks (migration 20261125180000). CHECK constraints keep states to known values.
  { kind: "check-constraint", table: "agent", name: "agent_state_known" },
  { kind: "check-constraint", table: "queued_call", name: "queued_call_status_known" },
  { kind: "check-constraint", table: "callback_request", name: "callback_request_status_known" },
  // Partial unique index: one open callback request per telephone number.
  { kind: "partial-index", table: "callback_request", name: "callback_request_one_open_per_phone" },
  // Partial index in claim order over pending requests only.
  { kind: "partial-index", table: "callback_request", name: "callback_request_claim_order_idx" },
  // Stored function: moves a hold to a callback request and extends it until the callback is due.
  { kind: "function", name: "ledger_extend_hold" },
  // Stored function (migration 20261125210000): finds and holds the earliest free pair of a centre in one statement.
  { kind: "function", name: "ledger_hold_earliest" },
  // Stored function (migration 20261125210000): gives back the holds of several ended calls, slots locked in id order.
  { kind: "function", name: "ledger_release_holds_of" },
  // Stored function (migration 20261125210000): the second half of both releases, slots locked in id order.
  { kind: "function", name: "ledger_give_back_places" },

  // Partial unique index (migration 20261206120000): one live hold per agent conversation and member.
  { kind: "partial-index", table: "hold", name: "hold_one_per_scope" },
  // Stored function (migration 20261206120000): replaces a scope's hold and holds a pair in one statement.
  { kind: "function", name: "ledger_hold_pair_in_scope" },

  // Prisma has no CHECK constraints (migration 20261206090000): an account is an agent or a supervisor.
  { kind: "check-constraint", table: "agent", name: "agent_role_known" },
  // The waiting list and invitation runs (migration 20261207120000). CHECK constraints keep states to known values.
  { kind: "check-constraint", table: "waitlist_entry", name: "waitlist_entry_status_known" },
  { kind: "check-constraint", table: "waitlist_entry", name: "waitlist_entry_time_of_day_known" },
  { kind: "check-constraint", table: "waitlist_duplicate", name: "waitlist_duplicate_status_known" },
  { kind: "check-constraint", table: "invitation_run", name: "invitation_run_status_known" },
  { kind: "check-constraint", table: "waitlist_invitation", name: "waitlist_invitation_status_known" },
  // Partial unique index: one waiting or invited entry per person (name key, birth date, postcode).
  { kind: "partial-index", table: "waitlist_entry", name: "waitlist_entry_one_active_per_person" },
  // Partial index: the expiry sweep reads open invitations only.
  { kind: "partial-index", table: "waitlist_invitation", name: "waitlist_invitation_open_deadline_idx" },
  // Stored function: assigns one batch of a run (holds, or bookings for letters) in one statement.
  { kind: "function", name: "waitlist_assign" },
  // Stored function: expires open invitations past their deadline and gives their holds back.
  { kind: "function", name: "waitlist_expire" },
  // Migration 20261207130000: a centre account has its centre, no other account has one.
  { kind: "check-constraint", table: "agent", name: "agent_centre_bound" },
  // Migration 20261207130000: attendance is for dose 1 or 2, attended or no-show.
  { kind: "check-constraint", table: "attendance", name: "attendance_dose_known" },
  { kind: "check-constraint", table: "attendance", name: "attendance_status_known" },
  // Migration 20261207130000: the wasted doses a centre enters stay a count.
  { kind: "check-constraint", table: "centre_day_report", name: "centre_day_report_wasted_range" },
  // Migration 20261208110000: an outbound task's status stays one the scheduler knows.
  { kind: "check-constraint", table: "outbound_call", name: "outbound_call_status_known" },
  // Migration 20261208140000: a standby offer never gives more doses than the centre entered.
  { kind: "check-constraint", table: "standby_offer", name: "standby_offer_used_within_doses" },
  // Migration 20261208130000: a supply drop's states, its capacity cut bounded by what it lost,
  // and a move notice goes by call or by letter.
  { kind: "check-constraint", table: "supply_drop", name: "supply_drop_status_known" },
  { kind: "check-constraint", table: "supply_drop", name: "supply_drop_cut_within_lost" },
  { kind: "check-constraint", table: "supply_move_notice", name: "supply_move_notice_channel_known" },
] as const satisfies readonly SqlOnlyObject[];
