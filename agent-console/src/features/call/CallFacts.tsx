// The call context as a definition list, in the order an agent asks about it.
import { useTranslation } from "react-i18next";
import type { CallContextView } from "@contracts/console-api.ts";
import { DateTime } from "../../app/DateTime.tsx";
import { Duration } from "../../app/Duration.tsx";
import { dateText } from "../../app/format.ts";
import { useLabel } from "../../app/use-label.ts";
import { HeldPairSummary } from "../booking/HeldPairSummary.tsx";
import { collapsePath, languageCode } from "./call-labels.ts";

export function CallFacts({ call }: { call: CallContextView }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const none = t("common.unknown");
  return (
    <dl className="facts">
      <dt>{t("call.language")}</dt>
      <dd>{label("language", languageCode(call.language))}</dd>
      <dt>{t("call.phone")}</dt>
      <dd>{call.phone ?? t("call.phoneHidden")}</dd>
      <dt>{t("call.postcode")}</dt>
      <dd>{call.postcode ?? none}</dd>
      <dt>{t("call.district")}</dt>
      <dd>{call.district?.name ?? none}</dd>
      <dt>{t("call.centre")}</dt>
      <dd>{call.centre?.name ?? none}</dd>
      <dt>{t("call.birthYear")}</dt>
      <dd>{call.birthYear ?? none}</dd>
      {call.birthDate && (
        <>
          <dt>{t("call.birthDate")}</dt>
          <dd>{dateText(call.birthDate, i18n.language)}</dd>
        </>
      )}
      {call.missedBooking && (
        <>
          <dt>{t("call.missedBooking")}</dt>
          <dd>
            {t("call.missedBookingText", { code: call.missedBooking.code })}{" "}
            <DateTime iso={call.missedBooking.firstStartsAt} />
          </dd>
        </>
      )}
      <dt>{t("call.heldPair")}</dt>
      <dd>{call.heldPair ? <HeldPairSummary pair={call.heldPair} /> : t("call.noHeldPair")}</dd>
      <dt>{t("call.reason")}</dt>
      <dd>{call.reason ? label("reason", call.reason) : t("call.noReason")}</dd>
      <dt>{t("call.waited")}</dt>
      <dd>{call.waitedSeconds !== null ? <Duration seconds={call.waitedSeconds} /> : none}</dd>
      <dt>{t("call.enqueuedAt")}</dt>
      <dd>
        <DateTime iso={call.enqueuedAt} />
      </dd>
      <dt>{t("call.path")}</dt>
      <dd>
        {call.path.length === 0 ? (
          none
        ) : (
          <ol className="path">
            {collapsePath(call.path).map(([step, times], i) => (
              <li key={`${i}-${step}`}>
                {times > 1 ? t("call.pathRepeat", { step: label("step", step), times }) : label("step", step)}
              </li>
            ))}
          </ol>
        )}
      </dd>
    </dl>
  );
}
