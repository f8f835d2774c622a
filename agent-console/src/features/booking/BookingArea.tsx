// Booking side of the desk: a new booking, or an existing one found by its code or by the
// person's name, birth date and postcode. All stay mounted, so switching does not lose a held pair.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CodeLookup } from "./CodeLookup.tsx";
import { NewBooking } from "./NewBooking.tsx";
import { PersonLookup } from "./PersonLookup.tsx";

export const BOOKING_MODES = ["new", "code", "person"] as const;
type Tab = (typeof BOOKING_MODES)[number];

export function BookingArea() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>("new");
  return (
    <section aria-labelledby="booking-heading" className="panel booking">
      <h2 id="booking-heading">{t("booking.heading")}</h2>
      <div role="group" aria-label={t("booking.modeLabel")} className="toggle">
        {BOOKING_MODES.map((mode) => (
          <button key={mode} type="button" aria-pressed={tab === mode} onClick={() => setTab(mode)}>
            {t(`booking.mode.${mode}`)}
          </button>
        ))}
      </div>
      <div hidden={tab !== "new"}>
        <NewBooking active={tab === "new"} />
      </div>
      <div hidden={tab !== "code"}>
        <CodeLookup />
      </div>
      <div hidden={tab !== "person"}>
        <PersonLookup />
      </div>
    </section>
  );
}
