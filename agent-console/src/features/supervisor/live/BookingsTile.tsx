// Bookings by channel: last 15 minutes, last hour, today.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { CHANNEL_KEYS, channelsOf } from "../wallboard-labels.ts";
import { Tile } from "./Stat.tsx";

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export function BookingsTile({ bookings }: { bookings: WallboardSnapshot["bookings"] }) {
  const { t, i18n } = useTranslation();
  const n = (value: number | undefined) => numberText(value ?? 0, i18n.language);
  const periods = [bookings.last15Minutes, bookings.lastHour, bookings.today];
  return (
    <Tile id="wb-bookings" title={t("supervisor.bookings.heading")}>
      <table className="figures figures-big">
        <caption className="sr-only">{t("supervisor.bookings.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supervisor.bookings.channel")}</th>
            <th scope="col">{t("supervisor.bookings.last15Minutes")}</th>
            <th scope="col">{t("supervisor.bookings.lastHour")}</th>
            <th scope="col">{t("supervisor.bookings.today")}</th>
          </tr>
        </thead>
        <tbody>
          {channelsOf(bookings).map((channel) => (
            <tr key={channel}>
              <th scope="row">{CHANNEL_KEYS[channel] ? t(CHANNEL_KEYS[channel]) : channel}</th>
              {periods.map((counts, i) => (
                <td key={i}>{n(counts[channel])}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("supervisor.bookings.total")}</th>
            {periods.map((counts, i) => (
              <td key={i}>{n(sum(counts))}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </Tile>
  );
}
