// The live part of the wallboard: every tile from the latest snapshot, and its time.
import { useTranslation } from "react-i18next";
import { useNow } from "../../../app/use-now.ts";
import { clockText } from "../supervisor-format.ts";
import { AgentsTile } from "./AgentsTile.tsx";
import { BookingsTile } from "./BookingsTile.tsx";
import { CallbacksTile } from "./CallbacksTile.tsx";
import { CentresTable } from "./CentresTable.tsx";
import { FreePairsTile } from "./FreePairsTile.tsx";
import { MenuTile } from "./MenuTile.tsx";
import { QueueTile } from "./QueueTile.tsx";
import { useWallboard } from "./use-wallboard.ts";
import { WebhooksTile } from "./WebhooksTile.tsx";

/** Pushes come every 1.5 s; after this long without one the figures are marked as old. */
const STALE_MS = 10_000;

export function LiveTiles() {
  const { t } = useTranslation();
  const { snapshot, receivedAt, error } = useWallboard();
  return (
    <section aria-labelledby="wb-live-heading" className="wb-section">
      <div className="wb-section-head">
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
        <div className="tiles">
          <QueueTile queue={snapshot.queue} />
          <MenuTile menu={snapshot.menu} />
          <AgentsTile agents={snapshot.agents} />
          <CallbacksTile callbacks={snapshot.callbacks} />
          <BookingsTile bookings={snapshot.bookings} />
          <FreePairsTile regions={snapshot.freePairs.regions} />
          <WebhooksTile webhooks={snapshot.webhooks} />
          <CentresTable freePairs={snapshot.freePairs} />
        </div>
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
