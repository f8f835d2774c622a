// The agent's own availability. "Im Gespräch" is shown while on a call, never chosen.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stateRequest, type AgentState, type UserView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth, useUser } from "../../app/auth-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";

export const SELECTABLE_STATES = stateRequest.shape.state.options;

export function StateSelector() {
  const { t } = useTranslation();
  const api = useApi();
  const user = useUser();
  const { updateUser } = useAuth();
  const [error, setError] = useState<string | null>(null);

  async function change(state: AgentState) {
    setError(null);
    try {
      const body = stateRequest.parse({ state });
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
        value={user.state}
        onChange={(e) => void change(e.target.value as AgentState)}
        aria-describedby="agent-state-error"
      >
        {user.state === "on-call" && (
          <option value="on-call" disabled>
            {t("agentState.on-call")}
          </option>
        )}
        {SELECTABLE_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`agentState.${state}`)}
          </option>
        ))}
      </select>
      <ErrorText id="agent-state-error" message={error} />
    </div>
  );
}
