// What a supply would create: pairs, what does not fit, and the split by centre.
import { useTranslation } from "react-i18next";
import { numberText } from "../../../app/format.ts";
import type { SupplyPreview } from "../supervisor-api.ts";

export function SupplyPreviewView({ preview }: { preview: SupplyPreview }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => numberText(v, i18n.language);
  return (
    <div className="preview">
      <dl className="stats stats-small">
        <div className="stat">
          <dt>{t("supervisor.supply.pairs")}</dt>
          <dd>{n(preview.pairs)}</dd>
        </div>
        <div className="stat">
          <dt>{t("supervisor.supply.unscheduled")}</dt>
          <dd>{n(preview.unscheduled)}</dd>
        </div>
      </dl>
      <table className="figures">
        <caption>{t("supervisor.supply.perCentre")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supervisor.centres.centre")}</th>
            <th scope="col">{t("supervisor.supply.pairs")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.perCentre.map((c) => (
            <tr key={c.centreId}>
              <th scope="row">{c.name || t("supervisor.supply.centreNumber", { id: c.centreId })}</th>
              <td>{n(c.pairs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
