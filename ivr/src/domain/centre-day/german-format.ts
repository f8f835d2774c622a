// Dates and times as a German reception writes them: 25.01.2021, 09:30 (Europe/Berlin).
const time = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });

/** "2021-01-25" → "25.01.2021" */
export function germanDate(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}.${m}.${y}`;
}

/** An instant → "09:30", Berlin time. */
export function germanTime(at: Date): string {
  return time.format(at);
}
