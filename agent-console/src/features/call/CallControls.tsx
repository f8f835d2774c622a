// Call control at the desk: hold the caller (music), mute the microphone, transfer to a
// colleague or a supervisor — directly (cold) or after a consult while the caller holds (warm).
// The state follows the server's "call:control" pushes, so a change made in another tab, by
// the colleague consulted or by a supervisor shows here without a reload.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CallControlView, TransferMode, TransferTarget } from "@contracts/call-control.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";
import { useAuth } from "../../app/auth-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { useSocketEvent } from "../../app/socket-context.tsx";
import { focusIsLost } from "../../app/use-focus-if-lost.ts";
import { useWork } from "../../app/work-context.tsx";

export function CallControls({ callSid, onConsult }: { callSid: string; onConsult(consulted: boolean): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { user, updateUser } = useAuth();
  const { endCall, refresh } = useWork();
  const [control, setControl] = useState<CallControlView | null>(null);
  const [targets, setTargets] = useState<TransferTarget[] | null>(null);
  const [target, setTarget] = useState("");
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const base = `/api/calls/${encodeURIComponent(callSid)}`;
  const transferButton = useRef<HTMLButtonElement>(null);
  const transferBox = useRef<HTMLFieldSetElement>(null);
  const choosing = targets !== null;
  const firstRender = useRef(true);
  // "Weiterleiten" gives way to the choice of colleague: the focus goes into it, and back to
  // "Weiterleiten" when it closes (Abbrechen, Escape), instead of being lost with the button.
  useEffect(() => {
    if (firstRender.current) return void (firstRender.current = false);
    if (choosing) transferBox.current?.querySelector<HTMLElement>("select, button:not([disabled])")?.focus();
    else if (focusIsLost()) transferButton.current?.focus();
  }, [choosing]);

  useEffect(() => {
    let live = true;
    api.get<{ control: CallControlView }>(`${base}/control`).then(
      (answer) => live && setControl(answer.control),
      () => undefined,
    );
    return () => void (live = false);
  }, [api, base]);
  useSocketEvent("call:control", (view) => {
    if (view.callSid === callSid) setControl(view);
  });

  async function act(path: string, body: unknown = {}) {
    setError(null);
    try {
      const answer = await api.post<{ control: CallControlView }>(`${base}/${path}`, body);
      setControl(answer.control);
      return answer.control;
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
      return null;
    }
  }

  async function openTransfer() {
    setError(null);
    try {
      const answer = await api.get<{ targets: TransferTarget[] }>(`${base}/transfer-targets`);
      setTargets(answer.targets);
      setNames(Object.fromEntries(answer.targets.map((p) => [p.id, p.name])));
      setTarget(answer.targets[0]?.id ?? "");
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
    }
  }

  /** The call went to the colleague: this desk is in wrap-up now. */
  function handedOver(view: CallControlView | null) {
    if (!view || view.agentId === control?.agentId) return;
    setTargets(null);
    endCall();
    updateUser({ state: "wrap-up" });
    refresh();
  }

  async function transfer(mode: TransferMode) {
    const view = await act("transfer", { to: target, mode });
    if (mode === "cold") handedOver(view);
    else if (view) setTargets(null);
  }

  const consulted = !!control && control.consult?.agentId === user?.id;
  useEffect(() => onConsult(consulted), [consulted, onConsult]);

  if (!control) return null;
  // Asked for a consult: the call is the colleague's until they hand it over.
  if (consulted) return <p role="status">{t("control.consulted")}</p>;
  const held = control.held;
  const muted = control.muted;
  return (
    <div className="call-controls" role="group" aria-label={t("control.label")}>
      <div className="actions">
        <button type="button" aria-pressed={held} onClick={() => void act("hold", { held: !held })}>
          {held ? t("control.resume") : t("control.hold")}
        </button>
        <button type="button" aria-pressed={muted} onClick={() => void act("mute", { muted: !muted })}>
          {muted ? t("control.unmute") : t("control.mute")}
        </button>
        {!control.consult && targets === null && (
          <button type="button" ref={transferButton} onClick={() => void openTransfer()}>
            {t("control.transfer")}
          </button>
        )}
      </div>
      {held && <p role="status">{t("control.heldNote")}</p>}
      {muted && <p role="status">{t("control.mutedNote")}</p>}
      {control.monitors.length > 0 && <p className="hint">{t("control.monitored")}</p>}
      {targets !== null && !control.consult && (
        <fieldset
          className="transfer"
          ref={transferBox}
          onKeyDown={(e) => {
            if (e.key === "Escape") setTargets(null);
          }}
        >
          <legend>{t("control.transferTo")}</legend>
          {targets.length === 0 ? (
            <p>{t("control.noTargets")}</p>
          ) : (
            <label>
              {t("control.target")}
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {targets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.role === "supervisor" ? t("control.supervisorTarget", { name: p.name }) : p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="actions">
            <button type="button" disabled={!target} onClick={() => void transfer("cold")}>
              {t("control.cold")}
            </button>
            <button type="button" disabled={!target} onClick={() => void transfer("warm")}>
              {t("control.warm")}
            </button>
            <button type="button" onClick={() => setTargets(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </fieldset>
      )}
      {control.consult && (
        <div className="transfer" role="status">
          <p>{t("control.consulting", { name: names[control.consult.agentId] ?? control.consult.agentId })}</p>
          <div className="actions">
            <button type="button" onClick={() => void act("transfer/complete").then(handedOver)}>
              {t("control.complete")}
            </button>
            <button type="button" onClick={() => void act("transfer/cancel")}>
              {t("control.cancelConsult")}
            </button>
          </div>
        </div>
      )}
      <ErrorText id="control-error" message={error} />
    </div>
  );
}
