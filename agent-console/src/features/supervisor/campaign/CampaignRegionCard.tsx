// One KV region's campaign: the figures, start (share of free pairs, default 70 %) and pause,
// and the published values of its latest runs (hashes before, seed after).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/api-client.ts";
import { dateTimeText, numberText } from "../../../app/format.ts";
import { REGION } from "../../waitlist/labels.ts";
import { Outcome, type OutcomeMessage } from "../controls/Outcome.tsx";
import { useCampaignApi, type CampaignRegionView } from "./campaign-api.ts";
import { PRIORITY_GROUPS } from "./campaign-labels.ts";

interface Props {
  region: CampaignRegionView;
  onChanged: () => Promise<void> | void;
}

export function CampaignRegionCard({ region, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const api = useCampaignApi();
  const [share, setShare] = useState(String(region.sharePercent));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const n = (value: number) => numberText(value, i18n.language);
  const name = t(REGION[region.regionId] ?? region.regionId);
  const id = `campaign-${region.regionId}`;
  const sharePercent = Number(share);
  const shareValid = /^\d{1,3}$/.test(share) && sharePercent <= 100;

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ kind: "success", text: await work() });
      await onChanged();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("supervisor.campaign.failed")) });
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    act(async () => {
      const result = await api.start(region.regionId, sharePercent);
      return t("supervisor.campaign.started", {
        id: result.run.id,
        invited: n(result.invited),
        booked: n(result.booked),
      });
    });
  const togglePause = () =>
    act(async () => {
      await api.pause(region.regionId, !region.paused);
      return t(region.paused ? "supervisor.campaign.resumedNote" : "supervisor.campaign.pausedNote");
    });

  const figures: [string, number][] = [
    [t("supervisor.campaign.invited"), region.invitations.invited],
    [t("supervisor.campaign.accepted"), region.invitations.accepted],
    [t("supervisor.campaign.declined"), region.invitations.declined],
    [t("supervisor.campaign.expired"), region.invitations.expired],
    [t("supervisor.campaign.bookedByLetter"), region.invitations.booked],
    [t("supervisor.campaign.lettersPrinted"), region.lettersPrinted],
    [t("supervisor.campaign.freePairs"), region.freePairs],
    [t("supervisor.campaign.nextRun", { share: region.sharePercent }), region.nextRunSize],
  ];

  return (
    <section aria-labelledby={`${id}-heading`} className="campaign-region">
      <h4 id={`${id}-heading`}>
        {name}{" "}
        <span className={region.paused ? "badge badge-full" : "badge"}>
          {t(region.paused ? "supervisor.campaign.paused" : "supervisor.campaign.active")}
        </span>
      </h4>
      <table>
        <caption>{t("supervisor.campaign.waitingCaption")}</caption>
        <tbody>
          {PRIORITY_GROUPS.map((g) => (
            <tr key={g.group}>
              <th scope="row">{t(g.label)}</th>
              <td>{n(region.waitingByGroup[g.group] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="stats">
        {figures.map(([label, value]) => (
          <div className="stat" key={label}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <div className="campaign-actions">
        <label>
          {t("supervisor.campaign.share")}
          <input
            type="text"
            inputMode="numeric"
            size={4}
            value={share}
            aria-invalid={!shareValid}
            onChange={(e) => setShare(e.target.value.trim())}
          />
        </label>
        <button type="button" disabled={busy || region.paused || !shareValid} onClick={() => void start()}>
          {t("supervisor.campaign.start")}
        </button>
        <button type="button" disabled={busy} onClick={() => void togglePause()}>
          {t(region.paused ? "supervisor.campaign.resume" : "supervisor.campaign.pause")}
        </button>
      </div>
      {busy && <p role="status">{t("supervisor.campaign.working")}</p>}
      <Outcome id={`${id}-outcome`} message={message} />
      <h5>{t("supervisor.campaign.runsHeading")}</h5>
      {region.runs.length === 0 ? (
        <p>{t("supervisor.campaign.noRuns")}</p>
      ) : (
        <ul className="campaign-runs">
          {region.runs.map((r) => (
            <li key={r.id}>
              <p>
                {t("supervisor.campaign.runLine", {
                  id: r.id,
                  at: dateTimeText(r.createdAt, i18n.language),
                  entries: n(r.entries),
                })}
              </p>
              <dl>
                <dt>{t("supervisor.campaign.seedHash")}</dt>
                <dd>
                  <code>{r.seedHash}</code>
                </dd>
                <dt>{t("supervisor.campaign.listHash")}</dt>
                <dd>
                  <code>{r.listHash}</code>
                </dd>
                <dt>{t("supervisor.campaign.seed")}</dt>
                <dd>{r.seed ? <code>{r.seed}</code> : t("supervisor.campaign.seedLater")}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
