// "Einladungen": the invitation campaign of every KV region on the Leitstand: who waits by
// priority group, what became of the invitations, the letters printed, the next run's size,
// start (with the share of free pairs) and pause, and the latest runs' published values.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/api-client.ts";
import { CampaignRegionCard } from "./CampaignRegionCard.tsx";
import { useCampaignApi, type CampaignRegionView } from "./campaign-api.ts";

export function CampaignPanel() {
  const { t } = useTranslation();
  const api = useCampaignApi();
  const [regions, setRegions] = useState<CampaignRegionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(
    () =>
      api.regions().then(
        (r) => {
          setRegions(r);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [api],
  );
  useEffect(() => void reload(), [reload]);

  return (
    <section aria-labelledby="campaign-heading" className="wb-section campaign">
      <h3 id="campaign-heading">{t("supervisor.campaign.heading")}</h3>
      <p>{t("supervisor.campaign.intro")}</p>
      {error !== null && (
        <p role="alert" className="error-text">
          {t("supervisor.campaign.loadFailed", { message: errorMessage(error, t("errors.unexpected")) })}
        </p>
      )}
      {regions === null ? (
        error === null && <p>{t("common.loading")}</p>
      ) : (
        <div className="campaign-regions">
          {regions.map((r) => (
            <CampaignRegionCard key={r.regionId} region={r} onChanged={reload} />
          ))}
        </div>
      )}
    </section>
  );
}
