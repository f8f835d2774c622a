// Search form, what was lost or failed, the held pair and the results: shared by new
// bookings and rebookings.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { HeldPairCard } from "./HeldPairCard.tsx";
import { SearchForm } from "./SearchForm.tsx";
import { SearchResults } from "./SearchResults.tsx";
import type { PairPicker } from "./use-pair-picker.ts";

interface Props {
  picker: PairPicker;
  initialPostcode: string;
  districtId?: number | null;
  knownCentre?: { id: number; name: string } | null;
}

export function PairChooser({ picker, initialPostcode, districtId, knownCentre }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { hold, result } = picker;
  const centreName = hold
    ? (result?.options.find((o) => o.centreId === hold.centreId)?.centreName ??
      (knownCentre?.id === hold.centreId ? knownCentre.name : null))
    : null;
  return (
    <section aria-labelledby={`${id}-heading`} className="pair-chooser">
      <h3 id={`${id}-heading`}>{t("booking.searchHeading")}</h3>
      <SearchForm
        initialPostcode={initialPostcode}
        fallbackDistrictId={districtId}
        busy={picker.searching}
        onSearch={(p) => void picker.search(p)}
      />
      <p role="alert" className="notice" hidden={!picker.notice}>
        {picker.notice}
      </p>
      {hold && <HeldPairCard hold={hold} centreName={centreName} onRelease={() => void picker.release()} />}
      {result && (
        <SearchResults
          result={result}
          heldFirstSlotId={hold?.firstSlotId ?? null}
          onHold={(pair) => void picker.holdPairOf(pair)}
        />
      )}
    </section>
  );
}
