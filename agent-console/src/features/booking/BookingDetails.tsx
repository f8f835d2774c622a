// One booking found by code, with "Termine absagen" (after a confirmation) and "Umbuchen".
// What happened ("Umgebucht – der Buchungscode bleibt …") is brought into view and focused.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ConfirmDialog } from "../../app/ConfirmDialog.tsx";
import { Announcement } from "../../app/Announcement.tsx";
import { dateText } from "../../app/format.ts";
import { cancelBooking } from "./booking-api.ts";
import { BookingCode } from "./BookingCode.tsx";
import { BookingSummary } from "./BookingSummary.tsx";
import { RebookFlow } from "./RebookFlow.tsx";

type Mode = "view" | "confirm-cancel" | "rebook";

export function BookingDetails({ booking, onChange }: { booking: BookingView; onChange(booking: BookingView): void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [mode, setMode] = useState<Mode>("view");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const active = booking.status === "active";

  async function cancel() {
    setMode("view");
    setError(null);
    try {
      onChange(await cancelBooking(api, booking.code));
      setDone(t("lookup.cancelled"));
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  function rebooked(next: BookingView) {
    setMode("view");
    setDone(t("lookup.rebooked", { code: next.codeFormatted }));
    onChange(next);
  }

  return (
    <article className="booking-details" aria-labelledby="booking-details-heading">
      <h3 id="booking-details-heading">{t("lookup.heading", { status: t(`bookingStatus.${booking.status}`) })}</h3>
      <BookingCode codeFormatted={booking.codeFormatted} keypadFormatted={booking.keypadFormatted} size="small" />
      <p>
        {booking.person.name ?? t("lookup.nameUnknown")} ·{" "}
        {t("lookup.born", { date: dateText(booking.person.birthDate, i18n.language) })} · {booking.person.postcode}
        {booking.person.phone && <> · {booking.person.phone}</>}
      </p>
      <BookingSummary booking={booking} />
      <Announcement message={done} role="status" className="notice" />
      <Announcement id="booking-details-error" message={error} />
      {active && mode !== "rebook" && (
        <div className="actions">
          <button
            type="button"
            onClick={() => (setDone(null), setMode("rebook"))}
            aria-describedby="booking-details-error"
          >
            {t("lookup.rebook")}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => (setDone(null), setMode("confirm-cancel"))}
            aria-describedby="booking-details-error"
          >
            {t("lookup.cancel")}
          </button>
        </div>
      )}
      {mode === "confirm-cancel" && (
        <ConfirmDialog
          title={t("lookup.confirmTitle")}
          text={t("lookup.confirmText")}
          confirmLabel={t("lookup.confirmYes")}
          cancelLabel={t("lookup.confirmNo")}
          onConfirm={() => void cancel()}
          onCancel={() => setMode("view")}
        />
      )}
      {mode === "rebook" && <RebookFlow booking={booking} onDone={rebooked} onCancel={() => setMode("view")} />}
    </article>
  );
}
