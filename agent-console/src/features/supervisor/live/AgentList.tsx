// Every agent: state, time in state (as of each push), conversations handled today; a
// wrap-up longer than the supervisor's limit is flagged with a word, not colour alone.
import { useTranslation } from "react-i18next";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { minutesSeconds, numberText } from "../../../app/format.ts";
import { useLabel } from "../../../app/use-label.ts";
import { Tile } from "./Stat.tsx";

export function AgentList({ agents, at }: { agents: WallboardSnapshot["agentList"]; at: string }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  // Counted to the snapshot's time (a push every 1.5 s), so a browser clock that is off does not matter.
  const serverNow = Date.parse(at);
  return (
    <Tile id="wb-agent-list" title={t("supervisor.agentList.heading")}>
      {agents.length === 0 ? (
        <p>{t("supervisor.agentList.none")}</p>
      ) : (
        <div className="table-scroll agent-scroll">
          <table className="figures agent-list">
            <caption className="sr-only">{t("supervisor.agentList.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("supervisor.agentList.name")}</th>
                <th scope="col">{t("supervisor.agentList.state")}</th>
                <th scope="col">{t("supervisor.agentList.since")}</th>
                <th scope="col">{t("supervisor.agentList.handled")}</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((a) => (
                <tr key={a.id} className={a.longWrapUp ? "level-row-warning" : undefined}>
                  <th scope="row">{a.displayName}</th>
                  <td>
                    {label("agentState", a.state)}
                    {a.longWrapUp && (
                      <>
                        {" "}
                        <span className="badge badge-nearly-full">
                          <span aria-hidden="true">▲ </span>
                          {t("supervisor.agentList.longWrapUp")}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{minutesSeconds((serverNow - Date.parse(a.since)) / 1000)}</td>
                  <td>{numberText(a.handledToday, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Tile>
  );
}
