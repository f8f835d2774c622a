// Every account with its role and status, and per row: reset the password, disable or enable.
// Each button names the account it acts on, so a screen reader's list of buttons is usable.
import { useTranslation } from "react-i18next";
import { useUser } from "../../app/auth-context.tsx";
import { dateText } from "../../app/format.ts";
import type { AccountView } from "./accounts-api.ts";
import { LanguagesCell } from "./LanguagesCell.tsx";

interface Props {
  accounts: AccountView[];
  busy: boolean;
  onReset(account: AccountView): void;
  onDisable(account: AccountView): void;
  onEnable(account: AccountView): void;
  onLanguages(account: AccountView, languages: string[]): void;
}

export function AccountsTable({ accounts, busy, onReset, onDisable, onEnable, onLanguages }: Props) {
  const { t, i18n } = useTranslation();
  const me = useUser();
  return (
    <div className="list-scroll">
      <table className="list-table accounts">
        <caption>{t("accounts.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("accounts.table.id")}</th>
            <th scope="col">{t("accounts.table.name")}</th>
            <th scope="col">{t("accounts.table.role")}</th>
            <th scope="col">{t("accounts.table.status")}</th>
            <th scope="col">{t("accounts.table.languages")}</th>
            <th scope="col">{t("accounts.table.passwordChanged")}</th>
            <th scope="col">{t("accounts.table.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => {
            const name = a.displayName;
            return (
              <tr key={a.id} className={a.disabledAt ? "disabled" : undefined}>
                <th scope="row">{a.id}</th>
                <td>{name}</td>
                <td>{t(`role.${a.role}`)}</td>
                <td>
                  {a.disabledAt
                    ? t("accounts.table.disabledSince", { date: dateText(a.disabledAt, i18n.language) })
                    : t("accounts.table.active")}
                </td>
                <td>
                  {a.role === "agent" ? (
                    <LanguagesCell key={(a.languages ?? []).join()} account={a} busy={busy} onSave={onLanguages} />
                  ) : (
                    "–"
                  )}
                </td>
                <td>{a.passwordChangedAt ? dateText(a.passwordChangedAt, i18n.language) : t("common.unknown")}</td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t("accounts.table.resetFor", { name })}
                      onClick={() => onReset(a)}
                    >
                      {t("accounts.table.reset")}
                    </button>
                    {a.disabledAt ? (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t("accounts.table.enableFor", { name })}
                        onClick={() => onEnable(a)}
                      >
                        {t("accounts.table.enable")}
                      </button>
                    ) : (
                      a.id !== me.id && (
                        <button
                          type="button"
                          className="danger"
                          disabled={busy}
                          aria-label={t("accounts.table.disableFor", { name })}
                          onClick={() => onDisable(a)}
                        >
                          {t("accounts.table.disable")}
                        </button>
                      )
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
