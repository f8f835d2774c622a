// "Warteliste" (#/waitlist): register callers once, look them up by registration number,
// decide possible duplicates; supervisors also import the register and run invitations.
import { useTranslation } from "react-i18next";
import { useUser } from "../../app/auth-context.tsx";
import { DuplicatesPanel } from "./DuplicatesPanel.tsx";
import { LookupPanel } from "./LookupPanel.tsx";
import { RegisterForm } from "./RegisterForm.tsx";
import { RunsPanel } from "./RunsPanel.tsx";

export function WaitlistPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section aria-labelledby="waitlist-heading" className="waitlist-page">
      <h2 id="waitlist-heading">{t("waitlist.heading")}</h2>
      <p>{t("waitlist.intro")}</p>
      <RegisterForm />
      <LookupPanel />
      <DuplicatesPanel />
      {user.role === "supervisor" && <RunsPanel />}
    </section>
  );
}
