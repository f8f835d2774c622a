// Supervisors: the register import (with its report of rejected rows) and the invitation runs:
// publish (the seed's and the frozen list's SHA-256 appear at once), then run; the seed shows
// once the run is finished, so anyone can check it with `npm run lottery:verify`.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { REGION } from "./labels.ts";
import { useWaitlistApi, type ImportReport, type InvitationRunView } from "./waitlist-api.ts";

const REGIONS = Object.keys(REGION);

export function RunsPanel() {
  const { t } = useTranslation();
  const api = useWaitlistApi();
  const [runs, setRuns] = useState<InvitationRunView[]>([]);
  const [region, setRegion] = useState<string>(REGIONS[0]!);
  const [share, setShare] = useState(70);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const reload = useCallback(() => void api.runs().then(setRuns, () => undefined), [api]);
  useEffect(reload, [reload]);

  const act = async (work: () => Promise<string>) => {
    try {
      setMessage({ kind: "success", text: await work() });
      reload();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("waitlist.failed")) });
    }
  };
  const importFile = (file: File) =>
    act(async () => {
      const result = await api.importCsv(await file.text());
      setReport(result);
      return t("waitlist.imported", {
        added: result.added,
        already: result.alreadyListed,
        rejected: result.rejected.length,
      });
    });

  return (
    <section aria-labelledby="waitlist-runs-heading" className="panel">
      <h3 id="waitlist-runs-heading">{t("waitlist.runsHeading")}</h3>
      <label>
        {t("waitlist.importFile")}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
      </label>
      {report && report.rejected.length > 0 && (
        <ul aria-label={t("waitlist.rejectedRows")}>
          {report.rejected.map((r) => (
            <li key={r.line}>{t("waitlist.rejectedRow", { line: r.line, reason: r.reason })}</li>
          ))}
        </ul>
      )}
      <label>
        {t("waitlist.region")}
        <select value={region} onChange={(e) => setRegion(e.target.value)}>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(REGION[r] ?? r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("waitlist.share")}
        <input type="number" min={0} max={100} value={share} onChange={(e) => setShare(Number(e.target.value))} />
      </label>
      <button
        type="button"
        onClick={() => void act(async () => t("waitlist.published", { id: (await api.publish(region, share)).run.id }))}
      >
        {t("waitlist.publish")}
      </button>
      <Outcome id="waitlist-runs-outcome" message={message} />
      <table>
        <caption>{t("waitlist.runsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("waitlist.run")}</th>
            <th scope="col">{t("waitlist.hashes")}</th>
            <th scope="col">{t("waitlist.result")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td>
                {r.id} · {t(REGION[r.regionId] ?? r.regionId)} · {r.entries}
              </td>
              <td>
                <code>{r.seedHash}</code>
                <br />
                <code>{r.listHash}</code>
                {r.seed && (
                  <>
                    <br />
                    {t("waitlist.seed")}: <code>{r.seed}</code>
                  </>
                )}
              </td>
              <td>
                {r.status === "finished" ? (
                  t("waitlist.runResult", { invited: r.invited, booked: r.booked })
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const result = await api.execute(r.id);
                        return t("waitlist.runResult", { invited: result.invited, booked: result.booked });
                      })
                    }
                  >
                    {t("waitlist.execute")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
