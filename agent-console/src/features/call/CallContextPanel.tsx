// The screen pop: everything the phone menu learned, shown the moment a call reaches the
// agent and announced politely to screen readers.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallContextView } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth } from "../../app/auth-context.tsx";
import { Elapsed } from "../../app/Elapsed.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { useSocketEvent } from "../../app/socket-context.tsx";
import { useLabel } from "../../app/use-label.ts";
import { useWork } from "../../app/work-context.tsx";
import { CallControls } from "./CallControls.tsx";
import { CallFacts } from "./CallFacts.tsx";
import { languageCode } from "./call-labels.ts";

export function CallContextPanel() {
  const { t } = useTranslation();
  const label = useLabel();
  const { user } = useAuth();
  const { call, callEnded, conversation } = useWork();
  const [announcement, setAnnouncement] = useState("");
  // Consulted about a call the phone menu knows nothing about (a callback's callee): no context
  // is popped, so the call's control pushes tell this desk that it is asked, and when no more.
  const [consultedOn, setConsultedOn] = useState<string | null>(null);
  useSocketEvent("call:control", (view) => {
    if (view.consult?.agentId === user?.id) setConsultedOn(view.callSid);
    else setConsultedOn((sid) => (sid === view.callSid ? null : sid));
  });

  const callSid = call?.callSid;
  useEffect(() => {
    if (!call) return;
    const reason = call.reason ? label("reason", call.reason) : t("call.noReason");
    setAnnouncement(t("call.announce", { language: label("language", languageCode(call.language)), reason }));
    // Announce once per new call, not on every update of the same one (hence only callSid).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callSid]);

  return (
    <section aria-label={t("call.region")} className="panel call-context">
      <h2>{t("call.heading")}</h2>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {call ? (
        <ActiveCall call={call} ended={callEnded} />
      ) : conversation?.kind === "call" && conversation.callSid && !conversation.endedAt ? (
        <HandedOverCall callSid={conversation.callSid} />
      ) : consultedOn ? (
        <p role="status">{t("control.consulted")}</p>
      ) : (
        <p>{t("call.none")}</p>
      )}
    </section>
  );
}

function ActiveCall({ call, ended }: { call: CallContextView; ended: boolean }) {
  const { t } = useTranslation();
  const { clearCall, conversation } = useWork();
  const [consulted, setConsulted] = useState(false);

  return (
    <>
      <p className={ended ? "call-status ended" : "call-status"}>
        {ended ? t("call.ended") : t(`call.kind.${call.kind}`)}
      </p>
      {call.answeredAt && (
        <p className="talk-time">
          {t("call.talkTime")}{" "}
          <Elapsed since={call.answeredAt} until={ended ? (conversation?.endedAt ?? null) : null} />
        </p>
      )}
      {!ended && call.kind === "inbound" && (
        // Remounted when the call becomes this agent's conversation (a consult handed over).
        <CallControls key={conversation?.id ?? "none"} callSid={call.callSid} onConsult={setConsulted} />
      )}
      {/* Above the facts: at 1366×768 the facts run below the fold, the way out must not. */}
      {ended ? (
        // While the wrap-up runs, its panel closes the call; after it, this button does.
        !conversation?.endedAt && (
          <button type="button" onClick={clearCall}>
            {t("call.close")}
          </button>
        )
      ) : consulted ? null : (
        <EndCall callSid={call.callSid} />
      )}
      <CallFacts call={call} />
    </>
  );
}

/**
 * A call handed to this desk that the phone menu knows nothing about (a callback's callee,
 * transferred by a colleague): no facts to show, but it is this agent's conversation, so
 * hold, mute, transfer and the way out must be here.
 */
function HandedOverCall({ callSid }: { callSid: string }) {
  const { t } = useTranslation();
  const [consulted, setConsulted] = useState(false);
  return (
    <>
      <p className="call-status">{t("call.handedOver")}</p>
      <CallControls key={callSid} callSid={callSid} onConsult={setConsulted} />
      {!consulted && <EndCall callSid={callSid} />}
    </>
  );
}

function EndCall({ callSid }: { callSid: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { updateUser } = useAuth();
  const { endCall, refresh } = useWork();
  const [error, setError] = useState<string | null>(null);

  async function end() {
    setError(null);
    try {
      await api.post<void>(`/api/calls/${encodeURIComponent(callSid)}/end`, {});
      endCall();
      updateUser({ state: "wrap-up" });
      refresh();
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  return (
    <>
      <button type="button" className="danger" onClick={() => void end()} aria-describedby="call-error">
        {t("call.end")}
      </button>
      <ErrorText id="call-error" message={error} />
    </>
  );
}
