// After a call or callback: the outcome code, a note and the time left. Done, or when the
// time is up (the server's round decides, so a closed tab changes nothing), the agent is
// "Verfügbar" again; the time can be extended once. "Gebucht" needs a booking made in this
// conversation: the server refuses it otherwise and says so here.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { WRAP_UP_OUTCOMES, type ConversationView, type UserView, type WrapUpOutcome } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth } from "../../app/auth-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { focusIsLost, useFocusIfLost } from "../../app/use-focus-if-lost.ts";
import { minutesSeconds } from "../../app/format.ts";
import { useNow } from "../../app/use-now.ts";
import { useWork } from "../../app/work-context.tsx";

export function WrapUpPanel() {
  const { conversation } = useWork();
  if (!conversation?.endedAt) return null;
  return <WrapUp key={conversation.id} conversation={conversation} />;
}

function WrapUp({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const { updateUser } = useAuth();
  const { setConversation, clearCall } = useWork();
  const [outcome, setOutcome] = useState<WrapUpOutcome | null>(conversation.outcome);
  const [note, setNote] = useState(conversation.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const done = useRef<HTMLButtonElement>(null);
  const extendButton = useRef<HTMLButtonElement>(null);
  useFocusIfLost(heading);
  // Done (here, in another tab, or its time ran out): "Abschließen" is gone with the panel, and
  // the keyboard goes on from the top of the page's content, not from nowhere.
  useEffect(
    () => () =>
      void setTimeout(() => {
        if (focusIsLost()) document.getElementById("main")?.focus({ preventScroll: true });
      }, 0),
    [],
  );
  const left = Math.max(0, Math.ceil((Date.parse(conversation.wrapUpUntil ?? "") - useNow()) / 1000));

  async function finish() {
    if (!outcome) return setError(t("wrapUp.outcomeMissing"));
    setBusy(true);
    setError(null);
    try {
      const body = { outcome, ...(note.trim() ? { note: note.trim() } : {}) };
      const result = await api.post<{ user: UserView }>("/api/wrap-up", body);
      updateUser(result.user);
      setConversation(null);
      clearCall();
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  async function extend() {
    setError(null);
    // "Verlängern" works once and is disabled by the answer (or the server's push, which may come
    // first); a disabled button lets go of the focus, so it moves on to "Abschließen" now.
    if (document.activeElement === extendButton.current) done.current?.focus();
    try {
      setConversation((await api.post<{ conversation: ConversationView }>("/api/wrap-up/extend", {})).conversation);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel wrap-up">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t("wrapUp.heading")}
      </h2>
      <p>
        <span role="timer" className={left <= 15 ? "countdown countdown-low" : "countdown"}>
          {t("wrapUp.left", { time: minutesSeconds(left) })}
        </span>
      </p>
      <fieldset>
        <legend>{t("wrapUp.outcome")}</legend>
        <div className="wrap-up-outcomes">
          {WRAP_UP_OUTCOMES.map((code) => (
            <label key={code}>
              <input
                type="radio"
                name={`${id}-outcome`}
                value={code}
                checked={outcome === code}
                onChange={() => setOutcome(code)}
              />
              {t(`wrapUpOutcome.${code}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-note`}>{t("wrapUp.note")}</label>
      <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          ref={done}
          onClick={() => void finish()}
          disabled={busy}
          aria-describedby={`${id}-error`}
        >
          {t("wrapUp.done")}
        </button>
        <button type="button" ref={extendButton} onClick={() => void extend()} disabled={conversation.wrapUpExtended}>
          {conversation.wrapUpExtended ? t("wrapUp.extended") : t("wrapUp.extend")}
        </button>
      </div>
      <ErrorText id={`${id}-error`} message={error} />
    </section>
  );
}
