// Booking a pair for the caller: search → hold → person → "Verbindlich buchen" → code.
// A pair lost on the way (taken, hold expired) is said plainly and the search runs again.
// The next person of the household is offered the free pair nearest in time after the first
// one, at the same centre; each person's hold is their own (member), replaced, never piled up.
import { useEffect, useRef, useState } from "react";
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
  const { call, callback, holdGone } = useWork();
  const [prefill] = useState(() => prefillFrom(call, callback));
  const [person, setPerson] = useState({
    round: 0,
    phone: prefill.phone,
    postcode: prefill.postcode,
    birthDate: prefill.birthDate,
  });
  const picker = usePairPicker(person.round, prefill.heldPair);
  const attempt = useIdempotencyKey();
  const [booking, setBooking] = useState<BookingView | null>(null);
  /** The household's first booking: where and when the next person's pair is looked for. */
  const [household, setHousehold] = useState<BookingView | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  // A hold booked, released or replaced is gone: the call panel stops counting it down.
  const shownHold = useRef(picker.hold?.holdId ?? null);
  useEffect(() => {
    const now = picker.hold?.holdId ?? null;
    if (shownHold.current && shownHold.current !== now) holdGone(shownHold.current);
    shownHold.current = now;
  }, [picker.hold, holdGone]);

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
    if (!booking) return;
    // Same household: same phone and postcode, a new name and birth date, and the free pair
    // nearest in time after the first person's at the same centre.
    const first = household ?? booking;
    setHousehold(first);
    setPerson((p) => ({
      round: p.round + 1,
      phone: booking.person.phone ?? p.phone,
      postcode: booking.person.postcode,
      birthDate: "",
    }));
    setBooking(null);
    setServerError(null);
    void picker.search({ centreId: first.centre.id, from: first.firstStartsAt });
  }

  if (booking) return <BookingDone booking={booking} onNextPerson={nextPerson} />;
  const suggested =
    household && !picker.hold
      ? (picker.result?.options.find((o) => o.centreId === household.centre.id)?.pairs[0] ?? null)
      : null;
  return (
    <>
      <PairChooser
        picker={picker}
        initialPostcode={person.postcode || prefill.postcode}
        districtId={prefill.districtId}
        knownCentre={prefill.centre}
        suggestion={suggested && household ? { pair: suggested, centreName: household.centre.name } : null}
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
