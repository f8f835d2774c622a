// A drawn password, shown this once: the server keeps only its hash and never sends it again.
import { useTranslation } from "react-i18next";
import { Dialog } from "./Dialog.tsx";

export function ShownPassword({ name, password, onDone }: { name: string; password: string; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t("accounts.shown.title", { name })} role="alertdialog" onClose={onDone}>
      <p>{t("accounts.shown.text", { name })}</p>
      <p>
        {t("accounts.shown.label")}: <code className="shown-password">{password}</code>
      </p>
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={onDone}>
          {t("accounts.shown.done")}
        </button>
      </div>
    </Dialog>
  );
}
