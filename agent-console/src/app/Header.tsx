import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { StateSelector } from "../features/auth/StateSelector.tsx";
import { useAuth, useUser } from "./auth-context.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { hrefOf, type Route } from "./use-hash-route.ts";

const PAGE_NAMES: Record<Route, string> = {
  desk: "nav.desk",
  supervisor: "nav.supervisor",
  accounts: "nav.accounts",
  worklist: "nav.worklist",
  waitlist: "nav.waitlist",
};

export function Header({ route }: { route: Route }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const title = t("app.pageTitle", { page: t(PAGE_NAMES[route]) });
  useEffect(() => void (document.title = title), [title]);
  return (
    <header className="app-header">
      <h1>{title}</h1>
      <nav aria-label={t("nav.label")}>
        <a href={hrefOf("desk")} aria-current={route === "desk" ? "page" : undefined}>
          {t("nav.desk")}
        </a>
        <a href={hrefOf("worklist")} aria-current={route === "worklist" ? "page" : undefined}>
          {t("nav.worklist")}
        </a>
        <a href={hrefOf("waitlist")} aria-current={route === "waitlist" ? "page" : undefined}>
          {t("nav.waitlist")}
        </a>
        {user.role === "supervisor" && (
          <>
            <a href={hrefOf("supervisor")} aria-current={route === "supervisor" ? "page" : undefined}>
              {t("nav.supervisor")}
            </a>
            <a href={hrefOf("accounts")} aria-current={route === "accounts" ? "page" : undefined}>
              {t("nav.accounts")}
            </a>
          </>
        )}
      </nav>
      <p className="who">
        <span>{user.displayName}</span> · <span>{t(`role.${user.role}`)}</span>
      </p>
      <StateSelector />
      <LanguageSwitch />
      <button type="button" onClick={() => void logout()}>
        {t("auth.logout")}
      </button>
    </header>
  );
}
