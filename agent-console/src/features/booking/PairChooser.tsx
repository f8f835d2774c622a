// Search form, what was lost or failed, the held pair and the results: shared by new
// bookings and rebookings.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Announcement } from "../../app/Announcement.tsx";
import type { PairView } from "@contracts/console-api.ts";
import { HeldPairCard } from "./HeldPairCard.tsx";
import { HouseholdSuggestion } from "./HouseholdSuggestion.tsx";
import { SearchForm } from "./SearchForm.tsx";
import { SearchResults } from "./SearchResults.tsx";
import type { PairPicker } from "./use-pair-picker.ts";

interface Props {
  picker: PairPicker;
  initialPostcode: string;
  districtId?: number | null;
  knownCentre?: { id: number; name: string } | null;
  /** The next household member's pair, suggested above the results. */
  suggestion?: { pair: PairView; centreName: string } | null;
}

export function PairChooser({ picker, initialPostcode, districtId, knownCentre, suggestion }: Props) {
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
      <Announcement message={picker.notice} className="notice" />
      {suggestion && <HouseholdSuggestion {...suggestion} onHold={(pair) => void picker.holdPairOf(pair)} />}
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
