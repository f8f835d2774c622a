// The languages an agent is offered calls in: named in the cell, changed in a small
// disclosure with one checkbox per caller language (at least one).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "@contracts/languages.ts";
import type { AccountView } from "./accounts-api.ts";

interface Props {
  account: AccountView;
  busy: boolean;
  onSave(account: AccountView, languages: string[]): void;
}

export function LanguagesCell({ account, busy, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const current = account.languages ?? ["de"];
  const [chosen, setChosen] = useState<string[]>(current);
  const names = current.map((code) => t(`language.${code}`)).join(", ");
  const toggle = (code: string) =>
    setChosen((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));

  return (
    <details className="languages-cell">
      <summary aria-label={t("accounts.languages.changeFor", { name: account.displayName, languages: names })}>
        {names}
      </summary>
      <fieldset>
        <legend>{t("accounts.languages.legend", { name: account.displayName })}</legend>
        {LANGUAGES.map((code) => (
          <label key={code} htmlFor={`${id}-${code}`}>
            <input id={`${id}-${code}`} type="checkbox" checked={chosen.includes(code)} onChange={() => toggle(code)} />
            {t(`language.${code}`)}
          </label>
        ))}
        <button
          type="button"
          disabled={busy || chosen.length === 0}
          onClick={() =>
            onSave(
              account,
              LANGUAGES.filter((code) => chosen.includes(code)),
            )
          }
        >
          {t("accounts.languages.save")}
        </button>
      </fieldset>
    </details>
  );
}
