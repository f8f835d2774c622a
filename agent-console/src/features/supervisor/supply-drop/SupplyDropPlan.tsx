// The preview of a supply drop: what is cut without moving anyone, what is protected, and how
// many pairs move from which day to which. Nothing has changed yet when this is shown.
import { useTranslation } from "react-i18next";
import { dateText, numberText } from "../../../app/format.ts";
import type { SupplyDropPreviewView } from "./supply-drop-api.ts";

export function SupplyDropPlan({ preview }: { preview: SupplyDropPreviewView }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => numberText(v, i18n.language);
  const rows: [string, number][] = [
    [t("supervisor.supplyDrop.pairsLost"), preview.pairsLost],
    [t("supervisor.supplyDrop.invitationHolds"), preview.invitationHolds],
    [t("supervisor.supplyDrop.freePairs"), Math.min(preview.freePairs, preview.pairsLost)],
    [t("supervisor.supplyDrop.protectedPairs"), preview.protectedPairs],
    [t("supervisor.supplyDrop.moving"), preview.moving],
    [t("supervisor.supplyDrop.unmovable"), preview.unmovable],
    [t("supervisor.supplyDrop.shortfall"), preview.shortfall],
  ];
  return (
    <div className="preview">
      <dl className="stats stats-small">
        {rows.map(([label, value]) => (
          <div key={label} className="stat">
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {preview.byDay.length > 0 && (
        <table className="figures">
          <caption>{t("supervisor.supplyDrop.byDay")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("supervisor.supplyDrop.fromDay")}</th>
              <th scope="col">{t("supervisor.supplyDrop.toDay")}</th>
              <th scope="col">{t("supervisor.supplyDrop.pairs")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.byDay.map((d) => (
              <tr key={`${d.from}-${d.to}`}>
                <td>{dateText(d.from, i18n.language)}</td>
                <td>{dateText(d.to, i18n.language)}</td>
                <td>{n(d.pairs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.unmovable > 0 && <p role="note">{t("supervisor.supplyDrop.unmovableNote")}</p>}
    </div>
  );
}
