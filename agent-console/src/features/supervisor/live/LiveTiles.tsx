// The live part of the wallboard: the big figures across the top, then the service figures,
// the agents, callbacks and menu, bookings and free pairs; all from the latest snapshot.
import { useTranslation } from "react-i18next";
import { useNow } from "../../../app/use-now.ts";
import { clockText } from "../supervisor-format.ts";
import { AgentList } from "./AgentList.tsx";
import { CentreCounts } from "../../centre/CentreCounts.tsx";
import { AgentsTile } from "./AgentsTile.tsx";
import { BookingsTile } from "./BookingsTile.tsx";
import { CallbacksTile } from "./CallbacksTile.tsx";
import { CentresTable } from "./CentresTable.tsx";
import { FreePairsTile } from "./FreePairsTile.tsx";
import { MenuTile } from "./MenuTile.tsx";
import { ServiceKpis } from "./ServiceKpis.tsx";
import { ServiceTable } from "./ServiceTable.tsx";
import { useWallboard } from "./use-wallboard.ts";
import { WebhooksTile } from "./WebhooksTile.tsx";

/** Pushes come every 1.5 s; after this long without one the figures are marked as old. */
const STALE_MS = 10_000;

export function LiveTiles() {
  const { t } = useTranslation();
  const { snapshot, receivedAt, error } = useWallboard();
  return (
    <section aria-labelledby="wb-live-heading" className="wb-section">
      <div className="wb-section-head wb-live-head">
        <h3 id="wb-live-heading">{t("supervisor.live.heading")}</h3>
        {snapshot && <AsOf at={snapshot.at} receivedAt={receivedAt} />}
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {!snapshot ? (
        !error && <p>{t("common.loading")}</p>
      ) : (
        <>
          <ServiceKpis snapshot={snapshot} />
          <div className="wb-grid">
            <div className="wb-col">
              <ServiceTable service={snapshot.service} />
              <CentreCounts compact />
            </div>
            <div className="wb-col">
              <AgentList agents={snapshot.agentList} at={snapshot.at} />
              <AgentsTile agents={snapshot.agents} />
              <WebhooksTile webhooks={snapshot.webhooks} />
            </div>
            <div className="wb-col">
              <CallbacksTile callbacks={snapshot.callbacks} />
              <MenuTile menu={snapshot.menu} />
              <FreePairsTile regions={snapshot.freePairs.regions} />
            </div>
            <div className="wb-col">
              <BookingsTile bookings={snapshot.bookings} />
              <CentresTable freePairs={snapshot.freePairs} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function AsOf({ at, receivedAt }: { at: string; receivedAt: number }) {
  const { t, i18n } = useTranslation();
  const now = useNow(2_000);
  const stale = now - receivedAt > STALE_MS;
  return (
    <p className={stale ? "as-of as-of-stale" : "as-of"}>
      <time dateTime={at}>{t("supervisor.live.asOf", { time: clockText(at, i18n.language, true) })}</time>
      {stale && <> · {t("supervisor.live.stale")}</>}
    </p>
  );
}
