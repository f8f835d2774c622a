// The next person of a household: the free pair nearest in time after the first person's, at
// the same centre, offered with one button (focused, so Enter holds it).
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PairView } from "@contracts/console-api.ts";
import { HeldPairSummary } from "./HeldPairSummary.tsx";

interface Props {
  pair: PairView;
  centreName: string;
  onHold(pair: PairView): void;
}

export function HouseholdSuggestion({ pair, centreName, onHold }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.scrollIntoView?.({ block: "center" });
    button.current?.focus({ preventScroll: true });
  }, [pair.firstSlotId]);
  return (
    <section className="held suggestion" aria-labelledby={id}>
      <h3 id={id}>{t("booking.suggestionHeading")}</h3>
      <p>{t("booking.suggestionText", { centre: centreName })}</p>
      <HeldPairSummary pair={pair} />
      <button type="button" className="primary" ref={button} onClick={() => onHold(pair)}>
        {t("booking.suggestionHold")}
      </button>
    </section>
  );
}
