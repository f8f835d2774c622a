// An agent reaching a booking by its code: limited (too_many_lookups before anything is read,
// so a refusal tells a guesser nothing) and, when a booking is read, recorded: who, when,
// which booking. An agent's account that looked up 1,000 codes at 470/s left no trace (issue 15).
import { DomainError } from "../errors.ts";
import type { CodeLookupLimits } from "../limits/code-lookup-limits.ts";
import type { Clock, Ledger } from "./ledger.ts";
import type { BookingRecord } from "./ledger-store.ts";

/** Where reads of bookings are recorded. */
export interface BookingReadAudit {
  bookingViewed(bookingId: number, agentId: string, at: Date): Promise<void>;
}

export class AgentBookingReads {
  constructor(
    private readonly ledger: Pick<Ledger, "lookup">,
    private readonly limits: Pick<CodeLookupLimits, "agentLookup">,
    private readonly audit: BookingReadAudit,
    private readonly clock: Clock,
  ) {}

  /** Counts a lookup by code for the agent; throws too_many_lookups when over their limit or everyone's. */
  async allowLookup(agentId: string): Promise<void> {
    const refused = await this.limits.agentLookup(agentId);
    if (refused) throw new DomainError("too_many_lookups", { ...refused });
  }

  /** The booking with this code, read by the agent (limited, recorded). */
  async read(code: string, agentId: string): Promise<BookingRecord> {
    await this.allowLookup(agentId);
    const booking = await this.ledger.lookup(code);
    await this.audit.bookingViewed(booking.id, agentId, this.clock.now());
    return booking;
  }
}
