// How long the hotline keeps what it learns about people (health data of the elderly: only what
// is needed, only as long as needed), and the run that enforces it. The README's retention
// table is this list. Everything is measured from the moment a record stops being needed.

export interface RetentionRules {
  /** Queue entries (phone, what the menu learned) after the caller left the queue. */
  queueDays: number;
  /** Callback requests and their attempts after they were done, failed or expired. */
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
   * Waiting-list entries after they stopped waiting (booked, withdrawn, no longer needed,
   * merged), with their invitations; a booked person's data lives on in the ledger's person.
   */
  closedWaitlistDays: number;
}

export const RETENTION: RetentionRules = {
  queueDays: 30,
  closedCallbackDays: 30,
  afterSecondAppointmentDays: 30,
  afterCancellationDays: 30,
  auditDays: 365,
  metricDays: 90,
  closedWaitlistDays: 30,
};

export interface RetentionStore {
  deleteQueueEntriesBefore(before: Date): Promise<number>;
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
  deleteExpiredSessions(now: Date): Promise<number>;
  deleteClosedWaitlistEntriesBefore(before: Date): Promise<number>;
}

export interface RecordingEraser {
  deleteRecording(url: string): Promise<void>;
}

export interface RetentionReport {
  queueEntries: number;
  callbacks: number;
  people: number;
  recordings: number;
  failedRecordings: string[];
  auditEntries: number;
  metricSamples: number;
  sessions: number;
  waitlistEntries: number;
}

const days = (now: Date, n: number) => new Date(now.getTime() - n * 86_400_000);

/** One pass over every rule; safe to repeat and to run on several processes at once. */
export async function enforceRetention(
  store: RetentionStore,
  recordings: RecordingEraser,
  now: Date,
  rules: RetentionRules = RETENTION,
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
  return {
    queueEntries,
    callbacks,
    people: anonymised.people,
    recordings: anonymised.recordings.length - failedRecordings.length,
    failedRecordings,
    auditEntries: await store.deleteAuditBefore(days(now, rules.auditDays)),
    metricSamples: await store.deleteMetricSamplesBefore(days(now, rules.metricDays)),
    sessions: await store.deleteExpiredSessions(now),
    waitlistEntries: await store.deleteClosedWaitlistEntriesBefore(days(now, rules.closedWaitlistDays)),
  };
}
