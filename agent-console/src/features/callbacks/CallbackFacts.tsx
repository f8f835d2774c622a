// What the agent needs before dialling back.
import { useTranslation } from "react-i18next";
import type { CallbackView } from "@contracts/console-api.ts";
import { Countdown } from "../../app/Countdown.tsx";
import { DateTime } from "../../app/DateTime.tsx";
import { useLabel } from "../../app/use-label.ts";
import { languageCode } from "../call/call-labels.ts";

export function CallbackFacts({ callback }: { callback: CallbackView }) {
  const { t } = useTranslation();
  const label = useLabel();
  const none = t("common.unknown");
  return (
    <dl className="facts">
      <dt>{t("callbacks.phone")}</dt>
      <dd>{callback.phone}</dd>
      <dt>{t("callbacks.language")}</dt>
      <dd>{label("language", languageCode(callback.language))}</dd>
      <dt>{t("callbacks.reason")}</dt>
      <dd>{label("reason", callback.reason)}</dd>
      <dt>{t("callbacks.status")}</dt>
      <dd>{label("callbackStatus", callback.status)}</dd>
      <dt>{t("callbacks.attempts")}</dt>
      <dd>{callback.attempts}</dd>
      <dt>{t("callbacks.birthYear")}</dt>
      <dd>{callback.birthYear ?? none}</dd>
      <dt>{t("callbacks.hasCode")}</dt>
      <dd>{callback.hasCode ? t("common.yes") : t("common.no")}</dd>
      <dt>{t("callbacks.firstContact")}</dt>
      <dd>
        <DateTime iso={callback.firstContactAt} />
      </dd>
      <dt>{t("callbacks.window")}</dt>
      <dd>
        {callback.window ? (
          <>
            <DateTime iso={callback.window.from} /> – <DateTime iso={callback.window.to} />
          </>
        ) : (
          t("callbacks.anyTime")
        )}
      </dd>
      <dt>{t("callbacks.notes")}</dt>
      <dd>{callback.notes || t("callbacks.noNotes")}</dd>
      <dt>{t("callbacks.heldPair")}</dt>
      <dd>{callback.heldPair ? <Countdown until={callback.heldPair.expiresAt} /> : t("call.noHeldPair")}</dd>
    </dl>
  );
}
