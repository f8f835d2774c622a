// A missed first dose (the centre marked a no-show) earns a call in the next hotline hours to
// rebook the pair. The centre's day writes a rebook_call row; this job turns each into a task
// of the outbound scheduler's kind "rebook", placed only while an agent is free: a person, not
// a recording, talks to someone who missed an appointment.
import type { OutboundCalls } from "../outbound/outbound-calls.ts";

export interface RebookCallStore {
  /** Pending rebooking calls of active bookings with a phone number on file. */
  pending(limit: number): Promise<{ bookingId: number; phone: string; language: string }[]>;
  /** Marks them handed to the scheduler. */
  queued(bookingIds: number[]): Promise<void>;
}

export class RebookCalls {
  constructor(
    private readonly store: RebookCallStore,
    private readonly outbound: Pick<OutboundCalls, "enqueue">,
    private readonly clock: { now(): Date },
  ) {}

  /** Hands pending rebooking calls to the scheduler (queued first, marked after: a crash between queues nothing twice). */
  async run(): Promise<number> {
    const due = await this.store.pending(500);
    if (due.length === 0) return 0;
    await this.outbound.enqueue(
      due.map((d) => ({
        kind: "rebook" as const,
        subjectId: String(d.bookingId),
        phone: d.phone,
        language: d.language,
        notBefore: this.clock.now(),
        notAfter: null,
      })),
    );
    await this.store.queued(due.map((d) => d.bookingId));
    return due.length;
  }
}
