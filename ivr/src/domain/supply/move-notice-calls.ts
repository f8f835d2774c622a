// Each person whose pair a supply drop moved is called in their language: the new dates, the
// code unchanged, "1 annehmen, 2 anderen Termin". The supply drop writes a notice per moved
// booking (supply_move_notice); this job hands the call notices to the outbound scheduler as
// kind "supply-move". When every attempt went unanswered, the person gets the 'moved' letter
// the supply drop writes for people without a phone.
import type { Clock } from "../ledger/ledger.ts";
import type { OutboundCalls } from "../outbound/outbound-calls.ts";
import { berlinDate } from "../time/berlin.ts";

export const MOVE_NOTICE_STATUSES = ["pending", "queued", "accepted", "changed", "letter"] as const;
export type MoveNoticeStatus = (typeof MOVE_NOTICE_STATUSES)[number];

export interface MoveNotice {
  id: number;
  bookingId: number;
  phone: string;
  language: string;
}

export interface MoveNoticeStore {
  /** Call notices not yet handed to the scheduler, of bookings still active. */
  pendingCalls(limit: number): Promise<MoveNotice[]>;
  setStatus(ids: number[], status: MoveNoticeStatus): Promise<void>;
  find(id: number): Promise<(MoveNotice & { status: MoveNoticeStatus }) | null>;
  /** The 'moved' letter for the booking's current pair, in the day's batch (once). */
  queueLetter(noticeId: number, batchDay: string): Promise<boolean>;
}

export class MoveNoticeCalls {
  constructor(
    private readonly store: MoveNoticeStore,
    private readonly outbound: Pick<OutboundCalls, "enqueue">,
    private readonly clock: Clock,
  ) {}

  /** Hands pending call notices to the scheduler (queued first, marked after: a crash queues nothing twice). */
  async run(): Promise<number> {
    const due = await this.store.pendingCalls(500);
    if (due.length === 0) return 0;
    await this.outbound.enqueue(
      due.map((n) => ({
        kind: "supply-move" as const,
        subjectId: String(n.id),
        phone: n.phone,
        language: n.language,
        notBefore: this.clock.now(),
        notAfter: null,
      })),
    );
    await this.store.setStatus(
      due.map((n) => n.id),
      "queued",
    );
    return due.length;
  }

  find(id: number) {
    return this.store.find(id);
  }

  answered(id: number, status: "accepted" | "changed"): Promise<void> {
    return this.store.setStatus([id], status);
  }

  /** Nobody answered after every attempt: the letter goes instead. */
  async unreached(id: number): Promise<void> {
    await this.store.queueLetter(id, berlinDate(this.clock.now()));
    await this.store.setStatus([id], "letter");
  }
}
