// A booking as the agent reads it back: both appointments and where.
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { DateTime } from "../../app/DateTime.tsx";

export function BookingSummary({ booking }: { booking: BookingView }) {
  const { t } = useTranslation();
  const { centre } = booking;
  return (
    <dl className="facts">
      <dt>{t("pair.first")}</dt>
      <dd>
        <DateTime iso={booking.firstStartsAt} />
      </dd>
      <dt>{t("pair.second")}</dt>
      <dd>
        <DateTime iso={booking.secondStartsAt} />
      </dd>
      <dt>{t("booking.centre")}</dt>
      <dd>{[centre.name, centre.street, centre.city].filter(Boolean).join(", ")}</dd>
    </dl>
  );
}
