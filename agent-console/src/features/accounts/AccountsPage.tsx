// "Konten" (#/accounts): supervisors add accounts, reset passwords, disable and enable them.
// A drawn password shows once, in a dialog, and is gone when it closes. Agents who open the
// page see why not, and nothing of it is loaded.
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { useUser } from "../../app/auth-context.tsx";
import { ConfirmDialog } from "../../app/ConfirmDialog.tsx";
import { Outcome, type OutcomeMessage } from "../supervisor/controls/Outcome.tsx";
import { AccountsTable } from "./AccountsTable.tsx";
import { useAccountsApi, type AccountAnswer, type AccountView } from "./accounts-api.ts";
import { NewAccountForm } from "./NewAccountForm.tsx";
import { PasswordResetDialog } from "./PasswordResetDialog.tsx";
import { ShownPassword } from "./ShownPassword.tsx";

type Open = { kind: "reset" | "disable"; account: AccountView } | null;

export function AccountsPage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <section aria-labelledby="accounts-heading" className="panel accounts-page">
      <h2 id="accounts-heading">{t("accounts.heading")}</h2>
      {user.role === "supervisor" ? <Accounts /> : <p role="alert">{t("supervisor.denied")}</p>}
    </section>
  );
}

function Accounts() {
  const { t } = useTranslation();
  const api = useAccountsApi();
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.list().then(
      (list) => (setAccounts(list), setLoadError(null)),
      (e: unknown) => setLoadError(errorMessage(e, t("errors.unexpected"))),
    );
  }, [api, t]);
  useEffect(reload, [reload]);

  const done = (answer: AccountAnswer, text: string) => {
    setMessage({ kind: "success", text });
    if (answer.password) setShown({ name: answer.account.displayName, password: answer.password });
    reload();
  };
  const act = async (change: () => Promise<AccountAnswer>, text: (a: AccountAnswer) => string) => {
    setOpen(null);
    setBusy(true);
    setMessage(null);
    try {
      const answer = await change();
      done(answer, text(answer));
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="hint">{t("accounts.intro")}</p>
      <Outcome id="accounts-outcome" message={message} />
      {loadError && (
        <p role="alert" className="error-text">
          {loadError}
        </p>
      )}
      {accounts === null ? (
        !loadError && <p>{t("common.loading")}</p>
      ) : (
        <AccountsTable
          accounts={accounts}
          busy={busy}
          onReset={(account) => setOpen({ kind: "reset", account })}
          onDisable={(account) => setOpen({ kind: "disable", account })}
          onLanguages={(account, languages) =>
            void act(
              async () => {
                await api.setLanguages(account.id, languages);
                return { account, password: null };
              },
              (a) => t("accounts.languagesSaved", { name: a.account.displayName }),
            )
          }
          onEnable={(account) =>
            void act(
              () => api.enable(account.id),
              (a) => t("accounts.enabled", { name: a.account.displayName }),
            )
          }
        />
      )}
      <NewAccountForm
        onCreated={(answer) => (setMessage(null), done(answer, t("accounts.created", { id: answer.account.id })))}
      />
      {open?.kind === "reset" && (
        <PasswordResetDialog
          account={open.account}
          onCancel={() => setOpen(null)}
          onDone={(answer) => (
            setOpen(null),
            done(answer, t("accounts.passwordSet", { name: answer.account.displayName }))
          )}
        />
      )}
      {open?.kind === "disable" && (
        <ConfirmDialog
          title={t("accounts.disable.title", { name: open.account.displayName })}
          text={t("accounts.disable.text", { name: open.account.displayName })}
          confirmLabel={t("accounts.disable.confirm")}
          cancelLabel={t("accounts.disable.keep")}
          onConfirm={() =>
            void act(
              () => api.disable(open.account.id),
              (a) => t("accounts.disabled", { name: a.account.displayName }),
            )
          }
          onCancel={() => setOpen(null)}
        />
      )}
      {shown && <ShownPassword name={shown.name} password={shown.password} onDone={() => setShown(null)} />}
    </>
  );
}
