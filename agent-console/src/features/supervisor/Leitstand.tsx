// Everything supervisors see on the Leitstand. Loaded on demand (with the charting library),
// so agents' desks never download it.
import { DayCharts } from "./charts/DayCharts.tsx";
import { Controls } from "./controls/Controls.tsx";
import { LiveTiles } from "./live/LiveTiles.tsx";
import "./supervisor.css";

export default function Leitstand() {
  return (
    <>
      <LiveTiles />
      <DayCharts />
      <Controls />
    </>
  );
}
