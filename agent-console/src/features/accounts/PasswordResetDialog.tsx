// "Passwort zurücksetzen": a password drawn by the server (shown once) or set here; either way
// every session of the account ends at once.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { ErrorText } from "../../app/ErrorText.tsx";
import { passwordUsable } from "./account-form.ts";
import type { AccountAnswer, AccountView } from "./accounts-api.ts";
import { useAccountsApi } from "./accounts-api.ts";
import { Dialog } from "./Dialog.tsx";
import { PasswordChoice } from "./NewAccountForm.tsx";

interface Props {
  account: AccountView;
  onDone(answer: AccountAnswer): void;
  onCancel(): void;
}

export function PasswordResetDialog({ account, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const api = useAccountsApi();
  const [choice, setChoice] = useState<"draw" | "set">("draw");
  const [chosen, setChosen] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = account.displayName;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (choice === "set" && !passwordUsable(account.id, chosen))
      return setFieldError(t("accounts.form.passwordInvalid"));
    setFieldError(null);
    setBusy(true);
    try {
      onDone(await api.resetPassword(account.id, choice === "set" ? chosen : undefined));
    } catch (e) {
      setServerError(errorMessage(e, t("errors.unexpected")));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t("accounts.reset.title", { name })} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <p>{t("accounts.reset.text", { name })}</p>
        <PasswordChoice
          name="reset-password"
          choice={choice}
          chosen={chosen}
          error={fieldError}
          onChange={(next, value) => (setChoice(next), setChosen(value))}
        />
        <div className="actions">
          <button type="submit" className="danger" disabled={busy} aria-describedby="reset-password-server-error">
            {t("accounts.reset.confirm")}
          </button>
          <button type="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
        <ErrorText id="reset-password-server-error" message={serverError} />
      </form>
    </Dialog>
  );
}
