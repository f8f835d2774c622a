// The announcement played after the greeting, in the six caller languages. German is needed
// (callers without a translation hear it); after saving, languages without one are named.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "@contracts/languages.ts";
import { errorMessage } from "../../../app/api-client.ts";
import { ConfirmDialog } from "../../../app/ConfirmDialog.tsx";
import { useLabel } from "../../../app/use-label.ts";
import { useSupervisorApi } from "../supervisor-api.ts";
import { Outcome, type OutcomeMessage } from "./Outcome.tsx";

type Texts = Record<string, string>;
const MAX_LENGTH = 600;
const textsOf = (announcement: Texts): Texts => Object.fromEntries(LANGUAGES.map((l) => [l, announcement[l] ?? ""]));

export function AnnouncementForm({ initial, onSaved }: { initial: Texts; onSaved(): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const api = useSupervisorApi();
  const [texts, setTexts] = useState(() => textsOf(initial));
  const [active, setActive] = useState(() => Object.values(initial).some((v) => v.trim() !== ""));
  const [confirming, setConfirming] = useState<"save" | "remove" | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const [missing, setMissing] = useState<string[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (texts.de?.trim()) setConfirming("save");
  }

  async function send(kind: "save" | "remove") {
    setConfirming(null);
    setBusy(true);
    setMessage(null);
    setMissing([]);
    const body = Object.fromEntries(LANGUAGES.map((l) => [l, kind === "remove" ? "" : (texts[l] ?? "").trim()]));
    try {
      const answer = await api.saveAnnouncement(body);
      setTexts(textsOf(answer.announcement));
      setActive(Object.keys(answer.announcement).length > 0);
      setMissing(answer.missing);
      setMessage({
        kind: "success",
        text: t(kind === "save" ? "supervisor.announcement.saved" : "supervisor.announcement.removed"),
      });
      onSaved();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="announcement-heading" className="control">
      <h4 id="announcement-heading">{t("supervisor.announcement.heading")}</h4>
      <p className="hint" id="announcement-hint">
        {t("supervisor.announcement.hint")}
      </p>
      <form onSubmit={submit} aria-describedby="announcement-hint">
        {LANGUAGES.map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`announcement-${lang}`}>
              {label("language", lang)}
              {lang === "de" && ` ${t("supervisor.announcement.required")}`}
            </label>
            <textarea
              id={`announcement-${lang}`}
              lang={lang}
              dir={lang === "ar" ? "rtl" : undefined}
              rows={2}
              maxLength={MAX_LENGTH}
              required={lang === "de"}
              value={texts[lang] ?? ""}
              onChange={(e) => setTexts((old) => ({ ...old, [lang]: e.target.value }))}
            />
          </div>
        ))}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !texts.de?.trim()}>
            {t("supervisor.announcement.save")}
          </button>
          {active && (
            <button type="button" className="danger" disabled={busy} onClick={() => setConfirming("remove")}>
              {t("supervisor.announcement.remove")}
            </button>
          )}
        </div>
      </form>
      <Outcome id="announcement-outcome" message={message} />
      {missing.length > 0 && (
        <p className="notice" role="alert">
          {t("supervisor.announcement.missing", { languages: missing.map((l) => label("language", l)).join(", ") })}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t(
            confirming === "save" ? "supervisor.announcement.confirmTitle" : "supervisor.announcement.removeTitle",
          )}
          text={t(confirming === "save" ? "supervisor.announcement.confirmText" : "supervisor.announcement.removeText")}
          confirmLabel={t(
            confirming === "save" ? "supervisor.announcement.confirmYes" : "supervisor.announcement.removeYes",
          )}
          cancelLabel={t("common.cancel")}
          onConfirm={() => void send(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
