// "Konto anlegen": user name, display name, role, and a password drawn by the server (shown
// once) or set here. Field problems sit under their field, the server's answer below the button.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ROLES } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { ErrorText } from "../../app/ErrorText.tsx";
import { emptyAccount, toAccountRequest, type AccountField, type AccountFields } from "./account-form.ts";
import { useAccountsApi, type AccountAnswer } from "./accounts-api.ts";

export function NewAccountForm({ onCreated }: { onCreated(answer: AccountAnswer): void }) {
  const { t } = useTranslation();
  const api = useAccountsApi();
  const id = useId();
  const [fields, setFields] = useState<AccountFields>(emptyAccount);
  const [errors, setErrors] = useState<Partial<Record<AccountField, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [centres, setCentres] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    if (fields.role === "centre" && centres.length === 0) void api.centres().then(setCentres, () => undefined);
  }, [api, fields.role, centres.length]);
  const set = (patch: Partial<AccountFields>) => setFields((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setServerError(null);
    const checked = toAccountRequest(fields);
    if ("errors" in checked) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      onCreated(await api.create(checked.request));
      setFields(emptyAccount);
    } catch (e) {
      setServerError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  const described = (field: AccountField, hint?: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": [hint, `${id}-${field}-error`].filter(Boolean).join(" "),
  });
  const fieldError = (field: AccountField) => (
    <ErrorText id={`${id}-${field}-error`} message={errors[field] ? t(errors[field]) : null} />
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="panel account-form">
      <h3 id={`${id}-heading`}>{t("accounts.form.heading")}</h3>
      <form onSubmit={submit} noValidate>
        <div className="account-fields">
          <div className="field">
            <label htmlFor={`${id}-id`}>{t("accounts.form.id")}</label>
            <input
              id={`${id}-id`}
              autoComplete="off"
              spellCheck={false}
              value={fields.id}
              onChange={(e) => set({ id: e.target.value })}
              {...described("id", `${id}-id-hint`)}
            />
            <p id={`${id}-id-hint`} className="hint">
              {t("accounts.form.idHint")}
            </p>
            {fieldError("id")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("accounts.form.displayName")}</label>
            <input
              id={`${id}-name`}
              autoComplete="off"
              value={fields.displayName}
              onChange={(e) => set({ displayName: e.target.value })}
              {...described("displayName")}
            />
            {fieldError("displayName")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t("accounts.form.role")}</label>
            <select
              id={`${id}-role`}
              value={fields.role}
              onChange={(e) => set({ role: e.target.value as AccountFields["role"] })}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          {fields.role === "centre" && (
            <div className="field">
              <label htmlFor={`${id}-centre`}>{t("accounts.form.centre")}</label>
              <select
                id={`${id}-centre`}
                value={fields.centreId}
                onChange={(e) => set({ centreId: e.target.value })}
                {...described("centreId")}
              >
                <option value="" />
                {centres.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {fieldError("centreId")}
            </div>
          )}
        </div>
        <PasswordChoice
          name={`${id}-password`}
          choice={fields.password}
          chosen={fields.chosen}
          error={errors.chosen ? t(errors.chosen) : null}
          onChange={(password, chosen) => set({ password, chosen })}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} aria-describedby={`${id}-error`}>
            {t("accounts.form.submit")}
          </button>
        </div>
        <ErrorText id={`${id}-error`} message={serverError} />
      </form>
    </section>
  );
}

interface ChoiceProps {
  name: string;
  choice: AccountFields["password"];
  chosen: string;
  error: string | null;
  onChange(choice: AccountFields["password"], chosen: string): void;
}

/** Draw a password (shown once) or set one: two radio buttons and, for the second, the field. */
export function PasswordChoice({ name, choice, chosen, error, onChange }: ChoiceProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="password-choice">
      <legend>{t("accounts.password.legend")}</legend>
      <label className="choice">
        <input type="radio" name={name} checked={choice === "draw"} onChange={() => onChange("draw", "")} />
        {t("accounts.password.draw")}
      </label>
      <label className="choice">
        <input type="radio" name={name} checked={choice === "set"} onChange={() => onChange("set", chosen)} />
        {t("accounts.password.set")}
      </label>
      {choice === "set" && (
        <div className="field">
          <label htmlFor={`${name}-chosen`}>{t("accounts.password.new")}</label>
          <input
            id={`${name}-chosen`}
            type="password"
            autoComplete="new-password"
            value={chosen}
            onChange={(e) => onChange("set", e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${name}-hint ${name}-error`}
          />
          <p id={`${name}-hint`} className="hint">
            {t("accounts.password.hint")}
          </p>
          <ErrorText id={`${name}-error`} message={error} />
        </div>
      )}
    </fieldset>
  );
}
