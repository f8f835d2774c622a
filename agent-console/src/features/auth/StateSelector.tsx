// The agent's own availability and how long they have been in it. "Nicht bereit" comes with
// a reason (Pause, Schulung, Technik); "Im Gespräch", "Nachbearbeitung" and "Nicht bereit
// (verpasst)" are set by the server and only shown. Mid-conversation only signing off is
// allowed (the server refuses the rest).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stateRequest, type UserView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth, useUser } from "../../app/auth-context.tsx";
import { Elapsed } from "../../app/Elapsed.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";

/**
 * Keys that step a closed select from option to option, changing it at every step: for the
 * agent's state each step would be a state change of its own (sent, timed, in the figures, and
 * "Abgemeldet" at the end of the list). They do nothing here; a letter ("V", "A"), or the list
 * opened with Alt+↓ or Space, chooses once.
 */
const STEP_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/** What the agent may choose: a state, or "break:<reason>". */
export const SELECTABLE_STATES = ["available", "break:pause", "break:training", "break:technical", "offline"] as const;

export function StateSelector() {
  const { t } = useTranslation();
  const api = useApi();
  const user = useUser();
  const { updateUser } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const value = user.state === "break" ? `break:${user.notReadyReason ?? "pause"}` : user.state;
  const shownOnly = !(SELECTABLE_STATES as readonly string[]).includes(value);
  const text = (choice: string) => {
    const [state, reason] = choice.split(":");
    return reason ? t("agentState.notReadyBecause", { reason: t(`notReady.${reason}`) }) : t(`agentState.${state}`);
  };

  async function change(choice: string) {
    setError(null);
    const [state, reason] = choice.split(":");
    try {
      const body = stateRequest.parse(reason ? { state, reason } : { state });
      const result = await api.post<{ user: UserView }>("/api/agent/state", body);
      updateUser(result.user);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <div className="state-selector">
      <label htmlFor="agent-state">{t("agentState.label")}</label>
      <select
        id="agent-state"
        value={value}
        onChange={(e) => void change(e.target.value)}
        onKeyDown={(e) => {
          if (STEP_KEYS.has(e.key) && !e.altKey) e.preventDefault();
        }}
        aria-describedby="agent-state-error agent-state-since"
      >
        {shownOnly && (
          <option value={value} disabled>
            {text(value)}
          </option>
        )}
        {SELECTABLE_STATES.map((choice) => (
          <option key={choice} value={choice}>
            {text(choice)}
          </option>
        ))}
      </select>
      {user.stateSince && (
        <span id="agent-state-since" className="state-since">
          {t("agentState.since")} <Elapsed since={user.stateSince} />
        </span>
      )}
      <ErrorText id="agent-state-error" message={error} />
    </div>
  );
}
