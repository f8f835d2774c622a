// After "Verbindlich buchen": the code to read out, the appointments, and the next person.
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { BookingCode } from "./BookingCode.tsx";
import { BookingSummary } from "./BookingSummary.tsx";

export function BookingDone({ booking, onNextPerson }: { booking: BookingView; onNextPerson(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="booking-done" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t("booking.doneHeading", { name: booking.person.name ?? "" })}
      </h3>
      <p>{t("booking.codeIntro")}</p>
      <BookingCode codeFormatted={booking.codeFormatted} keypadFormatted={booking.keypadFormatted} />
      <BookingSummary booking={booking} />
      <button type="button" className="primary" onClick={onNextPerson}>
        {t("booking.nextPerson")}
      </button>
    </section>
  );
}
