// Dates and times as Germans write them, always in Europe/Berlin.
import { TIME_ZONE } from "./berlin.ts";

const longDate = new Intl.DateTimeFormat("de-DE", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const time = new Intl.DateTimeFormat("de-DE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });

/** "Montag, 1. Februar 2021, 10:30 Uhr" */
export function formatAppointmentDe(at: Date): string {
  return `${longDate.format(at)}, ${time.format(at)} Uhr`;
}
