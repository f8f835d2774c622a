// Agents by state (supervisors are not counted).
import { useTranslation } from "react-i18next";
import { numberText } from "../../../app/format.ts";
import { useLabel } from "../../../app/use-label.ts";
import { agentCounts } from "../wallboard-labels.ts";
import { Stat, Tile } from "./Stat.tsx";

export function AgentsTile({ agents }: { agents: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  return (
    <Tile id="wb-agents" title={t("supervisor.agents.heading")}>
      <dl className="stats">
        {agentCounts(agents).map(([state, n]) => (
          <Stat key={state} label={label("agentState", state)} value={numberText(n, i18n.language)} />
        ))}
      </dl>
    </Tile>
  );
}
