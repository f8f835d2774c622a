// The console: signed out → login; signed in → live connection, current work, and the page
// the hash names (desk, Leitstand or accounts; supervisors start on the Leitstand).
import type { i18n } from "i18next";
import { I18nextProvider, useTranslation } from "react-i18next";
import { AccountsPage } from "../features/accounts/AccountsPage.tsx";
import { CentrePage } from "../features/centre/CentrePage.tsx";
import { LoginPage } from "../features/auth/LoginPage.tsx";
import { SupervisorPage } from "../features/supervisor/SupervisorPage.tsx";
import { WaitlistPage } from "../features/waitlist/WaitlistPage.tsx";
import { LiveCalls } from "../features/monitor/LiveCalls.tsx";
import { OfferPanel } from "../features/conversation/OfferPanel.tsx";
import { WorklistPage } from "../features/worklist/WorklistPage.tsx";
import type { ApiClient } from "./api-client.ts";
import { ApiProvider } from "./api-context.tsx";
import { AuthProvider, useAuth, useUser } from "./auth-context.tsx";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import { Desk } from "./Desk.tsx";
import { Header } from "./Header.tsx";
import { SocketProvider, type SocketFactory } from "./socket-context.tsx";
import { homeOf, hrefOf, useHashRoute, type Route } from "./use-hash-route.ts";
import { WorkProvider } from "./work-context.tsx";

interface Props {
  i18n: i18n;
  socketFactory?: SocketFactory;
  api?: ApiClient;
}

export function App({ i18n, socketFactory, api }: Props) {
  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={api}>
        <AuthProvider>
          <Gate socketFactory={socketFactory} />
        </AuthProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}

function Gate({ socketFactory }: { socketFactory?: SocketFactory }) {
  const { t } = useTranslation();
  const { status, user, loadError, retry, recheck } = useAuth();
  if (status === "loading") return <p className="loading">{t("common.loading")}</p>;
  if (status === "unreachable")
    return (
      <main className="login">
        <p role="alert">{loadError}</p>
        <button type="button" onClick={retry}>
          {t("common.retry")}
        </button>
      </main>
    );
  if (status === "signed-out") return <LoginPage />;
  // A centre's reception has its day and nothing else: no desk, no live connection.
  if (user?.role === "centre") return <CentrePage />;
  return (
    <SocketProvider factory={socketFactory} onUnauthenticated={recheck}>
      <WorkProvider>
        <Shell />
      </WorkProvider>
    </SocketProvider>
  );
}

/**
 * Each page names only the shortcuts that work on it: Alt+A, Alt+B and Alt+N live on the desk
 * (their panels are mounted only there); the other pages have none.
 */
const SHORTCUT_HELP: Partial<Record<Route, string>> = { desk: "shortcuts.help" };

/** Taken on another page, the call is worked on the desk. */
const toDesk = () => void (window.location.hash = hrefOf("desk"));

function Shell() {
  const route = useHashRoute(homeOf(useUser().role));
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Header route={route} />
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        {/* Whoever is "Verfügbar" is rung on any page (a supervisor on the Leitstand, an agent
            on the lists): the ringing and its Alt+A are here too, not only on the desk. */}
        {route !== "desk" && <OfferPanel onAccepted={toDesk} />}
        {route === "supervisor" ? (
          <>
            <SupervisorPage />
            <LiveCalls />
          </>
        ) : route === "accounts" ? (
          <AccountsPage />
        ) : route === "worklist" ? (
          <WorklistPage />
        ) : route === "waitlist" ? (
          <WaitlistPage />
        ) : (
          <Desk />
        )}
      </main>
      {SHORTCUT_HELP[route] && <footer className="help-line">{t(SHORTCUT_HELP[route])}</footer>}
    </>
  );
}
