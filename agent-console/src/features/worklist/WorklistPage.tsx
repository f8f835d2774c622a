// "Nacharbeit" (#/worklist): phone bookings whose name, or street and town for the letter,
// speech could not settle. The agent listens to the recording, types what it says, and saves;
// the server then deletes the recording. Oldest first, so no letter waits longer than needed.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { dateText, dateTimeText } from "../../app/format.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { useWorklistApi, type WorklistItemView } from "./worklist-api.ts";
import { LettersPanel } from "./LettersPanel.tsx";
import { WorklistForm } from "./WorklistForm.tsx";

export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const api = useWorklistApi();
  const [items, setItems] = useState<WorklistItemView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<WorklistItemView | null>(null);
  const [message, setMessage] = useState<OutcomeMessage>(null);

  const reload = useCallback(() => {
    api.list().then(
      (list) => {
        setItems(list);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorMessage(error, t("worklist.loadFailed"))),
    );
  }, [api, t]);
  useEffect(reload, [reload]);

  const saved = (item: WorklistItemView) => {
    setOpen(null);
    setMessage({ kind: "success", text: t("worklist.saved", { code: item.code }) });
    reload();
  };

  return (
    <section aria-labelledby="worklist-heading" className="panel worklist-page">
      <h2 id="worklist-heading">{t("worklist.heading")}</h2>
      <p>{t("worklist.intro")}</p>
      <Outcome id="worklist-outcome" message={message} />
      {loadError && <p role="alert">{loadError}</p>}
      {items === null && !loadError && <p>{t("common.loading")}</p>}
      {items?.length === 0 && <p>{t("worklist.empty")}</p>}
      {items && items.length > 0 && (
        <table>
          <caption>{t("worklist.caption", { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("worklist.bookedAt")}</th>
              <th scope="col">{t("worklist.birthDate")}</th>
              <th scope="col">{t("worklist.postcode")}</th>
              <th scope="col">{t("worklist.needs")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("worklist.action")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.personId}>
                <td>{dateTimeText(item.bookedAt, i18n.language)}</td>
                <td>{dateText(item.birthDate, i18n.language)}</td>
                <td>{item.postcode}</td>
                <td>{item.needs.map((n) => t(`worklist.need.${n}`)).join(", ")}</td>
                <td>
                  <button type="button" onClick={() => (setMessage(null), setOpen(item))}>
                    {t("worklist.open")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && <WorklistForm key={open.personId} item={open} onSaved={saved} onCancel={() => setOpen(null)} />}
      <LettersPanel />
    </section>
  );
}
