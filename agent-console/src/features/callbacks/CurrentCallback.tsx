import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView } from "@contracts/console-api.ts";
import { ApiRequestError, errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { focusIsLost } from "../../app/use-focus-if-lost.ts";
import { useWork } from "../../app/work-context.tsx";
import { CallControls } from "../call/CallControls.tsx";
import { CallbackFacts } from "./CallbackFacts.tsx";
import { dialCallback } from "./callbacks-api.ts";
import { OutcomeForm } from "./OutcomeForm.tsx";

/** The callback's owner is never the colleague consulted about it (that desk shows a call). */
const notConsulted = () => undefined;

interface Props {
  callback: CallbackView;
  onRecorded(result: CallbackView): void;
  onLost(message: string): void;
}

export function CurrentCallback({ callback, onRecorded, onLost }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const { conversation } = useWork();
  const [callSid, setCallSid] = useState<string | null>(null);
  const [dialling, setDialling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // One dial per attempt: after it, "Anrufen" stays disabled (the server refuses a second too).
  const dialled = callSid !== null || Boolean(conversation?.dialledAt) || callback.status === "dialling";
  // The callee answered: they talk in a conference of their own (the server sets the
  // conversation's call), so hold, mute and transfer work as on an inbound call.
  const connected =
    conversation?.kind === "callback" && conversation.callbackId === callback.id && !conversation.endedAt
      ? conversation.callSid
      : null;

  async function dial() {
    if (dialling || dialled) return;
    setError(null);
    setDialling(true);
    try {
      setCallSid(await dialCallback(api, callback));
      // "Anrufen" is disabled now and lets go of the focus: keep the keyboard in this callback.
      setTimeout(() => void (focusIsLost() && heading.current?.focus()), 0);
    } catch (e) {
      if (e instanceof ApiRequestError && e.is("claim_lost")) return onLost(e.message);
      setError(errorMessage(e, t("errors.unexpected")));
    } finally {
      setDialling(false);
    }
  }

  return (
    <div className="current-callback">
      <h3 ref={heading} tabIndex={-1}>
        {t("callbacks.current", { id: callback.id })}
      </h3>
      <CallbackFacts callback={callback} />
      <button
        type="button"
        className="primary"
        onClick={() => void dial()}
        disabled={dialling || dialled}
        aria-describedby="callback-dial-error"
      >
        {t("callbacks.dial")}
      </button>
      {callSid && <p role="status">{t("callbacks.dialling", { phone: callback.phone })}</p>}
      <ErrorText id="callback-dial-error" message={error} />
      {connected && <CallControls key={connected} callSid={connected} onConsult={notConsulted} />}
      <OutcomeForm callback={callback} dialled={dialled} onRecorded={onRecorded} onLost={onLost} />
    </div>
  );
}
