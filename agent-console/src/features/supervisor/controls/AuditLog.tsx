// The latest supervisor actions: when, who, what. Reloaded after each change made here.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/api-client.ts";
import { DateTime } from "../../../app/DateTime.tsx";
import { useSupervisorApi, type AuditEntry } from "../supervisor-api.ts";
import { detailsText } from "./audit-details.ts";
import { AUDIT_ACTION_KEYS } from "./audit-labels.ts";

export function AuditLog({ refreshKey }: { refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const api = useSupervisorApi();
  const [actions, setActions] = useState<AuditEntry[] | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    api.audit().then(
      (answer) => live && (setActions(answer.actions), setError(null)),
      (e: unknown) => live && setError(e),
    );
    // Names are a courtesy: without them the account id shows.
    api.people().then(
      (people) => live && setNames(new Map(people.map((p) => [p.id, p.displayName]))),
      () => undefined,
    );
    return () => void (live = false);
  }, [api, refreshKey, reloads]);

  return (
    <section aria-labelledby="audit-heading" className="wb-section">
      <div className="wb-section-head">
        <h3 id="audit-heading">{t("supervisor.audit.heading")}</h3>
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          {t("supervisor.audit.reload")}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error-text">
          {errorMessage(error, t("errors.unexpected"))}
        </p>
      )}
      {actions === null ? (
        error === null && <p>{t("common.loading")}</p>
      ) : actions.length === 0 ? (
        <p>{t("supervisor.audit.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="figures audit">
            <caption>{t("supervisor.audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("supervisor.audit.when")}</th>
                <th scope="col">{t("supervisor.audit.who")}</th>
                <th scope="col">{t("supervisor.audit.what")}</th>
                <th scope="col">{t("supervisor.audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a, i) => {
                const actionKey = AUDIT_ACTION_KEYS[a.action];
                return (
                  <tr key={`${a.at}-${i}`}>
                    <th scope="row">
                      <DateTime iso={a.at} />
                    </th>
                    <td>{names.get(a.agentId) ?? a.agentId}</td>
                    <td>{actionKey ? t(actionKey) : t("supervisor.audit.otherAction", { action: a.action })}</td>
                    <td className="details">{detailsText(a.details, t, i18n.language)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
