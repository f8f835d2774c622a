// The pair held for this caller, with the time left and a way to give it back.
import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { HeldPairView } from "@contracts/console-api.ts";
import { useFocusIfLost } from "../../app/use-focus-if-lost.ts";
import { HeldPairSummary } from "./HeldPairSummary.tsx";

interface Props {
  hold: HeldPairView;
  /** The centre's name from the search or the call, for a hold whose answer did not name it (the menu's). */
  centreName: string | null;
  onRelease(): void;
}

export function HeldPairCard({ hold, centreName, onRelease }: Props) {
  const { t } = useTranslation();
  const id = useId();
  // "… halten" goes with the list it was in: the keyboard goes on from the pair now held.
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(heading);
  return (
    <section className="held" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t("booking.heldHeading")}
      </h3>
      <p>{hold.centreName ?? centreName ?? t("booking.centreNumber", { id: hold.centreId })}</p>
      <HeldPairSummary pair={hold} />
      <button type="button" onClick={onRelease}>
        {t("booking.release")}
      </button>
    </section>
  );
}
