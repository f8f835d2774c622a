// The supervisor's calls in progress: listen (muted), whisper to the agent (only the agent
// hears), barge in (everyone hears), leave. Each step is audited by the server. Shown only
// while agents are talking, so the Leitstand keeps its layout otherwise.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LiveCallView, MonitorMode } from "@contracts/call-control.ts";
import { MONITOR_MODES } from "@contracts/call-control.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth } from "../../app/auth-context.tsx";
import { Elapsed } from "../../app/Elapsed.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { focusIsLost } from "../../app/use-focus-if-lost.ts";
import { useSocketEvent } from "../../app/socket-context.tsx";

const REFRESH_MS = 5_000;

export function LiveCalls() {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAuth();
  const [calls, setCalls] = useState<LiveCallView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.get<{ calls: LiveCallView[] }>("/api/supervisor/calls").then(
        (answer) => setCalls(answer.calls),
        () => undefined,
      ),
    [api],
  );
  const allowed = user?.role === "supervisor";
  useEffect(() => {
    // An agent who opens #/supervisor is refused by the page; nothing is asked of the server.
    if (!allowed) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, allowed]);

  // Pushed changes (hold, transfer, someone listening, a call ended) show at once; an agent
  // starting or ending a call changes the list; the poll stays for what no event tells.
  useSocketEvent("call:control", (view) =>
    setCalls((all) =>
      view.agentId === null
        ? all.filter((c) => c.control.callSid !== view.callSid)
        : all.map((c) => (c.control.callSid === view.callSid ? { ...c, control: view } : c)),
    ),
  );
  useSocketEvent("agent:state", ({ agentId, state }) => {
    if (allowed && (state === "on-call" || calls.some((c) => c.agentId === agentId))) void load();
  });

  async function act(callSid: string, mode: MonitorMode | "end") {
    setError(null);
    const base = `/api/supervisor/calls/${encodeURIComponent(callSid)}/monitor`;
    try {
      await (mode === "end" ? api.post(`${base}/end`, {}) : api.post(base, { mode }));
      await load();
      // "Verlassen" goes with the leaving: the keyboard stays on that call's row.
      if (mode === "end")
        setTimeout(() => {
          if (focusIsLost()) document.querySelector<HTMLElement>(`[data-listen="${callSid}"]`)?.focus();
        }, 0);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  if (!allowed || (calls.length === 0 && !error)) return null;
  return (
    <section aria-labelledby="live-calls-heading" className="panel live-calls">
      <h2 id="live-calls-heading">{t("liveCalls.heading")}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("liveCalls.agent")}</th>
            <th scope="col">{t("liveCalls.since")}</th>
            <th scope="col">{t("liveCalls.state")}</th>
            <th scope="col">{t("liveCalls.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => {
            const mine = call.control.monitors.find((m) => m.agentId === user?.id);
            return (
              <tr key={call.control.callSid}>
                <th scope="row">{call.agentName}</th>
                <td>
                  <Elapsed since={call.since} until={null} />
                </td>
                <td>
                  {[
                    call.control.held ? t("liveCalls.held") : null,
                    ...call.control.monitors.map((m) => t(`liveCalls.mode.${m.mode}`)),
                  ]
                    .filter(Boolean)
                    .join(", ") || t("liveCalls.talking")}
                </td>
                <td className="actions">
                  {MONITOR_MODES.map((mode) => (
                    <button
                      key={mode}
                      type="button"
                      aria-pressed={mine?.mode === mode}
                      aria-label={t(`liveCalls.buttonLabel.${mode}`, { name: call.agentName })}
                      data-listen={mode === "listen" ? call.control.callSid : undefined}
                      onClick={() => void act(call.control.callSid, mode)}
                    >
                      {t(`liveCalls.button.${mode}`)}
                    </button>
                  ))}
                  {mine && (
                    <button type="button" onClick={() => void act(call.control.callSid, "end")}>
                      {t("liveCalls.leave")}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorText id="monitor-error" message={error} />
    </section>
  );
}
