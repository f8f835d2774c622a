// "Leitstand": for supervisors only. Agents who open #/supervisor see why not, and no
// supervisor endpoint is called for them.
import { useTranslation } from "react-i18next";
import { useUser } from "../../app/auth-context.tsx";
import { OverviewTable } from "./OverviewTable.tsx";

export function SupervisorPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section aria-labelledby="supervisor-heading" className="panel">
      <h2 id="supervisor-heading">{t("supervisor.heading")}</h2>
      {user.role === "supervisor" ? <OverviewTable /> : <p role="alert">{t("supervisor.denied")}</p>}
    </section>
  );
}
