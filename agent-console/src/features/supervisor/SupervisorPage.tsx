// "Leitstand": the supervisors' live wallboard, the day's charts and the controls. Agents who
// open #/supervisor see why not: for them nothing of it is loaded, and no supervisor endpoint
// or socket event is used.
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useUser } from "../../app/auth-context.tsx";

const Leitstand = lazy(() => import("./Leitstand.tsx"));

export function SupervisorPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section aria-labelledby="supervisor-heading" className={user.role === "supervisor" ? "panel wallboard" : "panel"}>
      <h2 id="supervisor-heading">{t("supervisor.heading")}</h2>
      {user.role === "supervisor" ? (
        <Suspense fallback={<p>{t("common.loading")}</p>}>
          <Leitstand />
        </Suspense>
      ) : (
        <p role="alert">{t("supervisor.denied")}</p>
      )}
    </section>
  );
}
