// Possible duplicates (same birth date and postcode, similar name): an agent merges them into
// the older entry or keeps them apart.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { DECIDED } from "./labels.ts";
import { useWaitlistApi, type WaitlistEntryView } from "./waitlist-api.ts";

type Pair = { id: number; entry: WaitlistEntryView; other: WaitlistEntryView };
const who = (e: WaitlistEntryView) => `${e.name}, ${e.street ?? e.phone ?? ""} (${e.source})`;

export function DuplicatesPanel() {
  const { t } = useTranslation();
  const api = useWaitlistApi();
  const [items, setItems] = useState<Pair[]>([]);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const reload = useCallback(() => {
    api
      .duplicates()
      .then(setItems, (e: unknown) => setMessage({ kind: "error", text: errorMessage(e, t("waitlist.failed")) }));
  }, [api, t]);
  useEffect(reload, [reload]);

  const decide = async (id: number, decision: "merge" | "apart") => {
    try {
      await api.decide(id, decision);
      setMessage({ kind: "success", text: t(DECIDED[decision]) });
      reload();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("waitlist.failed")) });
    }
  };

  return (
    <section aria-labelledby="waitlist-duplicates-heading" className="panel">
      <h3 id="waitlist-duplicates-heading">{t("waitlist.duplicatesHeading")}</h3>
      <Outcome id="waitlist-duplicates-outcome" message={message} />
      {items.length === 0 ? (
        <p>{t("waitlist.noDuplicates")}</p>
      ) : (
        <ul>
          {items.map((d) => (
            <li key={d.id}>
              {d.entry.birthDate} · {d.entry.postcode}: {who(d.entry)} — {who(d.other)}{" "}
              <button type="button" onClick={() => void decide(d.id, "merge")}>
                {t("waitlist.merge")}
              </button>{" "}
              <button type="button" onClick={() => void decide(d.id, "apart")}>
                {t("waitlist.apart")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
