// What the reminders need from the database. The SQL adapter (adapters/db/sql-reminder-store.ts)
// implements it on PostgreSQL and PGlite alike.
export type ReminderChannel = "call" | "sms";
export const REMINDER_STATUSES = ["planned", "sent", "confirmed", "cancelled", "moved", "unreached"] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** An appointment (a booking's dose) that is due for its reminder. */
export interface DueAppointment {
  bookingId: number;
  dose: 1 | 2;
  startsAt: Date;
  centreId: number;
  phone: string;
  /** The phone menu's language the person booked in, else the waiting list's (invitation, standby), else German. */
  language: string;
}

export interface ReminderRecord {
  bookingId: number;
  dose: 1 | 2;
  appointmentAt: Date;
  channel: ReminderChannel;
  status: ReminderStatus;
}

export interface ReminderStore {
  /** Active bookings' appointments starting in [from, to) with a phone number on file and no reminder yet. */
  dueAppointments(from: Date, to: Date, limit: number): Promise<DueAppointment[]>;
  /**
   * Records the reminders; returns the ones this call inserted. An appointment that has one
   * already (another process, an earlier run) is left out: only its inserter calls or writes.
   */
  insert(rows: Omit<ReminderRecord, "status">[], now: Date): Promise<{ bookingId: number; dose: 1 | 2 }[]>;
  /**
   * Call reminders in [from, to) still "planned" whose appointment is active: their task may
   * never have been queued (the process died between recording and queueing).
   */
  plannedCalls(from: Date, to: Date, limit: number): Promise<DueAppointment[]>;
  find(bookingId: number, dose: number): Promise<ReminderRecord | null>;
  setStatus(bookingId: number, dose: number, status: ReminderStatus, at: Date): Promise<void>;
}
