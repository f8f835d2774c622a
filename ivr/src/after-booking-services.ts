// After the booking (issue 18) on top of the shared services: reminders, the standby list, the
// rebooking calls and the calls about pairs a supply drop moved, wired to the SQL stores and the outbound scheduler, for the HTTP app
// (the call steps, the centre's console) and the background jobs alike.
import { SqlRebookCallStore } from "./adapters/db/sql-rebook-call-store.ts";
import { SqlReminderStore } from "./adapters/db/sql-reminder-store.ts";
import { SqlStandbyStore } from "./adapters/db/sql-standby-store.ts";
import { SqlMoveNoticeStore } from "./adapters/db/sql-move-notice-store.ts";
import { MoveNoticeCalls } from "./domain/supply/move-notice-calls.ts";
import { reminderSmsText } from "./call-flow/reminder-sms.ts";
import type { Config } from "./config.ts";
import { DEFAULT_CALLING_HOURS, parseCallingHours } from "./domain/outbound/calling-hours.ts";
import { RebookCalls } from "./domain/rebook/rebook-calls.ts";
import { parseReminderSubject, Reminders } from "./domain/reminders/reminders.ts";
import { parseStandbySubject, Standby } from "./domain/standby/standby.ts";
import type { SmsSender } from "./domain/telephony/sms-sender.ts";
import type { Language } from "./i18n.ts";
import type { Services } from "./services.ts";

export type AfterBookingServices = ReturnType<typeof createAfterBookingServices>;

export function createAfterBookingServices(
  services: Services,
  config: Pick<Config, "OUTBOUND_CALLING_HOURS" | "HOTLINE_PHONE">,
  sms: SmsSender,
  translate: (key: string, language: Language, params?: Record<string, string | number>) => string,
) {
  const callingHours = parseCallingHours(config.OUTBOUND_CALLING_HOURS) ?? DEFAULT_CALLING_HOURS;
  const reminders = new Reminders(new SqlReminderStore(services.db), services.outbound, sms, services.clock, {
    callingHours,
    smsText: reminderSmsText(services.geography, config.HOTLINE_PHONE, translate),
  });
  const standby = new Standby(
    new SqlStandbyStore(services.db),
    services.ledger,
    services.outbound,
    services.geography,
    services.clock,
  );
  const rebookCalls = new RebookCalls(new SqlRebookCallStore(services.db), services.outbound, services.clock);
  const moveNotices = new MoveNoticeCalls(new SqlMoveNoticeStore(services.db), services.outbound, services.clock);
  services.outbound.onGaveUp("supply-move", { gaveUp: (task) => moveNotices.unreached(Number(task.subjectId)) });
  // Calls that never reached the person: the reminder counts as unreached (the appointment
  // stands), the standby call frees its place in the wave so the next person is called.
  services.outbound.onGaveUp("reminder", {
    gaveUp: async (task) => {
      const subject = parseReminderSubject(task.subjectId);
      if (subject) await reminders.record(subject.bookingId, subject.dose, "unreached");
    },
  });
  services.outbound.onGaveUp("standby", {
    gaveUp: async (task) => {
      const subject = parseStandbySubject(task.subjectId);
      if (subject) await standby.unreached(subject.offerId, subject.entryId);
    },
  });
  return { reminders, standby, rebookCalls, moveNotices, hotlinePhone: config.HOTLINE_PHONE };
}
