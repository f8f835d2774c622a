// Moving a booking: hold a new pair from the search, then confirm. The old pair is given
// back by the server in the same step.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { Announcement } from "../../app/Announcement.tsx";
import { rebook } from "./booking-api.ts";
import { PairChooser } from "./PairChooser.tsx";
import { useIdempotencyKey } from "./use-idempotency-key.ts";
import { isPairLost, usePairPicker } from "./use-pair-picker.ts";

export function RebookFlow({
  booking,
  onDone,
  onCancel,
}: {
  booking: BookingView;
  onDone(b: BookingView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const picker = usePairPicker("rebook");
  const attempt = useIdempotencyKey();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    const hold = picker.hold;
    if (!hold) return setError(t("booking.holdFirst"));
    setBusy(true);
    setError(null);
    try {
      onDone(await rebook(api, booking.code, hold.holdId, attempt.keyFor({ code: booking.code, holdId: hold.holdId })));
    } catch (e) {
      if (isPairLost(e)) picker.pairLost(errorMessage(e, ""));
      else setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rebook">
      <PairChooser picker={picker} initialPostcode={booking.person.postcode} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void confirm()}
          aria-describedby="rebook-error"
        >
          {t("lookup.rebookConfirm")}
        </button>
        <button type="button" onClick={() => (void picker.release(), onCancel())}>
          {t("common.cancel")}
        </button>
      </div>
      <Announcement id="rebook-error" message={error} />
    </div>
  );
}
