// How fast and how reliably the phone menu's webhooks answer (the server's last minute).
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { numberText } from "../../../app/format.ts";
import { percentText } from "../supervisor-format.ts";
import { Stat, Tile } from "./Stat.tsx";

/** Above this error rate the figure is marked. */
const ERROR_RATE_ALERT = 0.01;

export function WebhooksTile({ webhooks }: { webhooks: WallboardSnapshot["webhooks"] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Tile id="wb-webhooks" title={t("supervisor.webhooks.heading")}>
      <dl className="stats">
        <Stat
          label={t("supervisor.webhooks.p95")}
          value={
            webhooks.p95Ms === null
              ? t("supervisor.none")
              : t("supervisor.milliseconds", { value: numberText(webhooks.p95Ms, lang) })
          }
        />
        <Stat
          label={t("supervisor.webhooks.errorRate")}
          value={percentText(webhooks.errorRate, lang)}
          tone={webhooks.errorRate > ERROR_RATE_ALERT ? "alert" : undefined}
        />
        <Stat label={t("supervisor.webhooks.requests")} value={numberText(webhooks.requests, lang)} />
      </dl>
    </Tile>
  );
}
