// Everything supervisors see on the Leitstand, in three views: the wallboard (live figures and
// the day's charts, made to fill one 1920×1080 screen), the controls with the audit log, and
// the invitation campaign per KV region.
// Loaded on demand (with the charting library), so agents' desks never download it.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CampaignPanel } from "./campaign/CampaignPanel.tsx";
import { DayCharts } from "./charts/DayCharts.tsx";
import { Controls } from "./controls/Controls.tsx";
import { LiveTiles } from "./live/LiveTiles.tsx";
import "./supervisor.css";

type View = "wallboard" | "controls" | "campaign";
const VIEWS: View[] = ["wallboard", "controls", "campaign"];
const VIEW_KEYS: Record<View, string> = {
  wallboard: "supervisor.views.wallboard",
  controls: "supervisor.views.controls",
  campaign: "supervisor.views.campaign",
};

export default function Leitstand() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>("wallboard");
  return (
    <>
      <nav aria-label={t("supervisor.views.label")} className="wb-views">
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(VIEW_KEYS[v])}
          </button>
        ))}
      </nav>
      {view === "wallboard" ? (
        <>
          <LiveTiles />
          <DayCharts />
        </>
      ) : view === "controls" ? (
        <Controls />
      ) : (
        <CampaignPanel />
      )}
    </>
  );
}
