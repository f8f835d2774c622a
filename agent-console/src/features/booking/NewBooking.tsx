// Booking a pair for the caller: search → hold → person → "Verbindlich buchen" → code.
// A pair lost on the way (taken, hold expired) is said plainly and the search runs again.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BookingView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useWork } from "../../app/work-context.tsx";
import { book, type PersonInput } from "./booking-api.ts";
import { BookingDone } from "./BookingDone.tsx";
import { PairChooser } from "./PairChooser.tsx";
import { PersonForm } from "./PersonForm.tsx";
import { prefillFrom } from "./prefill.ts";
import { useIdempotencyKey } from "./use-idempotency-key.ts";
import { isPairLost, usePairPicker } from "./use-pair-picker.ts";

export function NewBooking({ active = true }: { active?: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { call, callback } = useWork();
  const [prefill] = useState(() => prefillFrom(call, callback));
  const picker = usePairPicker(prefill.heldPair);
  const attempt = useIdempotencyKey();
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [person, setPerson] = useState({
    round: 0,
    phone: prefill.phone,
    postcode: prefill.postcode,
    birthDate: prefill.birthDate,
  });

  async function onBook(input: PersonInput) {
    const hold = picker.hold;
    if (!hold) return;
    setBusy(true);
    setServerError(null);
    try {
      const done = await book(api, hold.holdId, input, attempt.keyFor({ holdId: hold.holdId, person: input }));
      setBooking(done);
      picker.forgetHold();
      attempt.reset();
    } catch (e) {
      if (isPairLost(e)) picker.pairLost(errorMessage(e, ""));
      else setServerError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  function nextPerson() {
    // Same household: same centre and search, same phone and postcode; a new name and birth date.
    setPerson((p) => ({
      round: p.round + 1,
      phone: booking?.person.phone ?? p.phone,
      postcode: booking?.person.postcode ?? p.postcode,
      birthDate: "",
    }));
    setBooking(null);
    setServerError(null);
    if (picker.params) void picker.search(picker.params);
  }

  if (booking) return <BookingDone booking={booking} onNextPerson={nextPerson} />;
  return (
    <>
      <PairChooser
        picker={picker}
        initialPostcode={person.postcode || prefill.postcode}
        districtId={prefill.districtId}
        knownCentre={prefill.centre}
      />
      <PersonForm
        key={person.round}
        initial={{ name: "", birthDate: person.birthDate, phone: person.phone, postcode: person.postcode }}
        canBook={picker.hold !== null}
        busy={busy}
        serverError={serverError}
        onBook={(input) => void onBook(input)}
        shortcut={active}
      />
    </>
  );
}
