// How long the hotline keeps what it learns about people (health data of the elderly: only what
// is needed, only as long as needed), and the run that enforces it. The README's retention
// table is this list. Everything is measured from the moment a record stops being needed.

export interface RetentionRules {
  /** Queue entries (phone, what the menu learned) after the caller left the queue; agents'
   * conversations (outcome, note) and offers after they closed. */
  queueDays: number;
  /**
   * Callback requests and their attempts after they were done, failed or expired; the outbound
   * scheduler's calls (invitations, reminders) after they ended, by the same rule.
   */
  closedCallbackDays: number;
  /** A person's name, phone, recording and exact birth date after their second appointment. */
  afterSecondAppointmentDays: number;
  /** The same after a cancellation (or a person record that never got a booking). */
  afterCancellationDays: number;
  /** Supervisors' audit log. */
  auditDays: number;
  /** The wallboard's minute samples (counts, no personal data). */
  metricDays: number;
  /**
   * Attendance at the centre (attended, no-show) and rebooking calls, after they were marked:
   * the report goes to the health authority the same day; 90 days leave time for corrections.
   */
  attendanceDays: number;
  /** SMS bodies in the provider's log (appointment, centre, code): a day shows a failed delivery. */
  smsAtProviderHours: number;
  /**
   * Waiting-list entries after they stopped waiting (booked, withdrawn, no longer needed,
   * merged), with their invitations; a booked person's data lives on in the ledger's person.
   */
  closedWaitlistDays: number;
  /**
   * A supply drop's notices to moved people (phone, language, old and new slots), after they
   * were written: the call or letter goes out within days; the booking itself keeps the move.
   */
  supplyNoticeDays: number;
  /** Reminders (booking, dose, channel, the answer) after the appointment they were about. */
  reminderDays: number;
  /**
   * Standby offers and who was called for them (waiting entry, the answer, the booking made),
   * after the offer: the day's report counts used and wasted doses; 90 days leave time for
   * corrections, as for attendance.
   */
  standbyDays: number;
}

export const RETENTION: RetentionRules = {
  queueDays: 30,
  closedCallbackDays: 30,
  afterSecondAppointmentDays: 30,
  afterCancellationDays: 30,
  auditDays: 365,
  metricDays: 90,
  attendanceDays: 90,
  smsAtProviderHours: 24,
  closedWaitlistDays: 30,
  supplyNoticeDays: 30,
  reminderDays: 30,
  standbyDays: 90,
};

export interface RetentionStore {
  deleteQueueEntriesBefore(before: Date): Promise<number>;
  /** Closed conversations (their notes may name a person) and past offers. */
  deleteConversationsBefore(before: Date): Promise<number>;
  deleteClosedCallbacksBefore(before: Date): Promise<number>;
  /**
   * Anonymises people whose appointments are all over (second one before `appointmentsBefore`)
   * or cancelled before `cancelledBefore`: name, phone and recording go, the birth date keeps
   * only its year and the booking its centre and dates, for statistics. Returns the recordings
   * to delete at the telephony provider.
   */
  anonymisePeople(appointmentsBefore: Date, cancelledBefore: Date): Promise<{ people: number; recordings: string[] }>;
  deleteAuditBefore(before: Date): Promise<number>;
  deleteMetricSamplesBefore(before: Date): Promise<number>;
  /** Attendance marked, and rebooking calls created, before `before`. */
  deleteAttendanceBefore(before: Date): Promise<number>;
  /** Ids of SMS sent before `before`, at most `limit`; forgotten once deleted at the provider. */
  messagesSentBefore(before: Date, limit: number): Promise<string[]>;
  forgetMessages(sids: string[]): Promise<void>;
  /**
   * Entries that stopped waiting before `before`; a booked one only once the booking its
   * invitation became had its second appointment before `before` (the day list reads its needs).
   */
  deleteClosedWaitlistEntriesBefore(before: Date): Promise<number>;
  /** Supply-move notices written before `before`, whatever their status. */
  deleteSupplyNoticesBefore(before: Date): Promise<number>;
  /** Reminders of appointments before `before`. */
  deleteRemindersBefore(before: Date): Promise<number>;
  /** Standby offers made before `before`, with their calls. */
  deleteStandbyOffersBefore(before: Date): Promise<number>;
}

export interface MessageEraser {
  deleteMessage(sid: string): Promise<void>;
}

export interface RecordingEraser {
  deleteRecording(url: string): Promise<void>;
}

export interface RetentionReport {
  queueEntries: number;
  conversations: number;
  callbacks: number;
  people: number;
  recordings: number;
  failedRecordings: string[];
  auditEntries: number;
  metricSamples: number;
  /** Attendance marks and rebooking calls deleted. */
  attendance: number;
  /** SMS deleted at the provider. */
  messages: number;
  failedMessages: number;
  waitlistEntries: number;
  supplyNotices: number;
  reminders: number;
  /** Standby offers deleted (their calls with them). */
  standbyOffers: number;
}

const days = (now: Date, n: number) => new Date(now.getTime() - n * 86_400_000);

/** One pass over every rule; safe to repeat and to run on several processes at once. */
export async function enforceRetention(
  store: RetentionStore,
  recordings: RecordingEraser,
  now: Date,
  rules: RetentionRules = RETENTION,
  messages: MessageEraser | null = null,
): Promise<RetentionReport> {
  const queueEntries = await store.deleteQueueEntriesBefore(days(now, rules.queueDays));
  const callbacks = await store.deleteClosedCallbacksBefore(days(now, rules.closedCallbackDays));
  const anonymised = await store.anonymisePeople(
    days(now, rules.afterSecondAppointmentDays),
    days(now, rules.afterCancellationDays),
  );
  // The rows no longer point at the recordings; one the provider refuses to delete is
  // reported (its URL names no one) rather than keeping a person's data to remember it.
  const failedRecordings: string[] = [];
  for (const url of anonymised.recordings) {
    await recordings.deleteRecording(url).catch(() => failedRecordings.push(url));
  }
  const conversations = await store.deleteConversationsBefore(days(now, rules.queueDays));
  return {
    queueEntries,
    conversations,
    callbacks,
    people: anonymised.people,
    recordings: anonymised.recordings.length - failedRecordings.length,
    failedRecordings,
    auditEntries: await store.deleteAuditBefore(days(now, rules.auditDays)),
    metricSamples: await store.deleteMetricSamplesBefore(days(now, rules.metricDays)),
    waitlistEntries: await store.deleteClosedWaitlistEntriesBefore(days(now, rules.closedWaitlistDays)),
    attendance: await store.deleteAttendanceBefore(days(now, rules.attendanceDays)),
    supplyNotices: await store.deleteSupplyNoticesBefore(days(now, rules.supplyNoticeDays)),
    reminders: await store.deleteRemindersBefore(days(now, rules.reminderDays)),
    standbyOffers: await store.deleteStandbyOffersBefore(days(now, rules.standbyDays)),
    ...(messages
      ? await deleteMessages(store, messages, new Date(now.getTime() - rules.smsAtProviderHours * 3_600_000))
      : { messages: 0, failedMessages: 0 }),
  };
}

/** A message the provider refuses to delete stays noted and is tried again on the next run. */
async function deleteMessages(store: RetentionStore, eraser: MessageEraser, before: Date) {
  let messages = 0;
  let failedMessages = 0;
  for (let round = 0; round < 20; round++) {
    const due = await store.messagesSentBefore(before, 500);
    const deleted: string[] = [];
    for (const sid of due) {
      await eraser.deleteMessage(sid).then(
        () => deleted.push(sid),
        () => failedMessages++,
      );
    }
    await store.forgetMessages(deleted);
    messages += deleted.length;
    if (due.length < 500 || deleted.length === 0) break;
  }
  return { messages, failedMessages };
}
