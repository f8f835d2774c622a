// The reminder SMS to a German mobile number: time and place of tomorrow's appointment and the
// hotline's number to cancel or move it. Never the birth date, the name or the booking code:
// a phone lying on a table is read by whoever picks it up.
import type { Geography } from "../domain/geo/geography.ts";
import type { DueAppointment } from "../domain/reminders/reminder-store.ts";
import { isLanguage, type Language } from "../i18n.ts";
import { spokenClock, spokenDay } from "./spoken-time.ts";

export function reminderSmsText(
  geography: Geography,
  hotlinePhone: string,
  translate: (key: string, language: Language, params?: Record<string, string | number>) => string,
): (appointment: DueAppointment) => string {
  return (a) => {
    const language = isLanguage(a.language) ? a.language : "de";
    const centre = geography.districtOfCentre(a.centreId)?.centre;
    return translate("sms.reminder", language, {
      dose: a.dose,
      day: spokenDay(a.startsAt, language),
      time: spokenClock(a.startsAt),
      centre: centre ? [centre.name, centre.street, centre.city].filter(Boolean).join(", ") : "",
      hotline: hotlinePhone,
    });
  };
}
