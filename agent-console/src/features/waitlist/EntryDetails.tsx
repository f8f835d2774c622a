// What the list holds about a person, for the agent on the phone with them or a relative ("Wie
// erreichen Sie mich?"), and the one thing they most often change: whether they can come at
// short notice for doses left over (the standby list calls only those who said yes).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { dateText } from "../../app/format.ts";
import { FLAG, RELATION, TIME_OF_DAY } from "./labels.ts";
import type { WaitlistEntryView } from "./waitlist-api.ts";
import { useWaitlistApi } from "./waitlist-api.ts";

const NEEDS = ["wheelchair", "companion", "interpreter", "homeVisit"] as const;

export function EntryDetails({ entry, onChanged }: { entry: WaitlistEntryView; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const api = useWaitlistApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needs = NEEDS.filter((need) => entry.needs[need]).map((need) => t(FLAG[need]));
  const address = [entry.street, `${entry.postcode} ${entry.city ?? ""}`.trim()].filter(Boolean).join(", ");
  const consents = [
    ...(entry.consentCalls ? [t("waitlist.details.calls")] : []),
    ...(entry.consentSms ? [t("waitlist.details.sms")] : []),
  ];

  const toggleShortNotice = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.setShortNotice(entry.id, !entry.shortNotice);
      onChanged();
    } catch (e) {
      setError(errorMessage(e, t("waitlist.failed")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <dl className="facts" aria-label={t("waitlist.details.heading")}>
        <dt>{t("waitlist.field.birthDate")}</dt>
        <dd>{dateText(entry.birthDate, i18n.language)}</dd>
        <dt>{t("waitlist.details.address")}</dt>
        <dd>{address}</dd>
        <dt>{t("waitlist.details.phone")}</dt>
        <dd>
          {entry.phone
            ? `${entry.phone} (${t(RELATION[entry.relation as keyof typeof RELATION] ?? RELATION.other)})`
            : t("waitlist.details.letterOnly")}
        </dd>
        <dt>{t("waitlist.details.consent")}</dt>
        <dd>{consents.length ? consents.join(", ") : t("waitlist.details.none")}</dd>
        <dt>{t("waitlist.field.timeOfDay")}</dt>
        <dd>{t(TIME_OF_DAY[entry.timeOfDay as keyof typeof TIME_OF_DAY] ?? TIME_OF_DAY.any)}</dd>
        <dt>{t("waitlist.details.needs")}</dt>
        <dd>{needs.length ? needs.join(", ") : t("waitlist.details.none")}</dd>
        <dt>{t("waitlist.details.shortNotice")}</dt>
        <dd>
          {t(entry.shortNotice ? "waitlist.details.yes" : "waitlist.details.no")}{" "}
          <button type="button" disabled={busy} onClick={() => void toggleShortNotice()}>
            {t(entry.shortNotice ? "waitlist.details.shortNoticeOff" : "waitlist.details.shortNoticeOn")}
          </button>
        </dd>
      </dl>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
