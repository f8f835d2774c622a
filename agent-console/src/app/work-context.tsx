// The agent's current work: the call on the line (with the menu's context) and the callback
// being worked. Loaded from GET /api/agent/current on start and after every reconnect, so a
// reload or a second tab shows the same; "call:assigned" pops a call answered anywhere.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView, CallContextView } from "@contracts/console-api.ts";
import { errorMessage } from "./api-client.ts";
import { useApi } from "./api-context.tsx";
import { useAuth } from "./auth-context.tsx";
import { useSocket, useSocketEvent } from "./socket-context.tsx";

interface WorkValue {
  call: CallContextView | null;
  /** The caller hung up or the agent ended the call; the context stays for wrap-up. */
  callEnded: boolean;
  callback: CallbackView | null;
  loadError: string | null;
  showCall(call: CallContextView): void;
  endCall(): void;
  clearCall(): void;
  setCallback(callback: CallbackView | null): void;
  /** A held pair was booked, released or replaced: the call and the callback no longer show it. */
  holdGone(holdId: string): void;
}

const WorkContext = createContext<WorkValue | null>(null);

export function WorkProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { t } = useTranslation();
  const { user, updateUser } = useAuth();
  const { connects } = useSocket();
  const [call, setCall] = useState<CallContextView | null>(null);
  const [callEnded, setCallEnded] = useState(false);
  const [callback, setCallback] = useState<CallbackView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [aLoadFailed, setALoadFailed] = useState(false);

  // The first connect needs no second load, unless the first load failed (the server was away:
  // "Keine Verbindung" would stay on screen after the socket connected); every reconnect does.
  const reloadKey = connects > 1 || aLoadFailed ? connects : 0;
  // Counts calls popped by the socket, so a slower load cannot overwrite a newer pop.
  const pops = useRef(0);
  useEffect(() => {
    let live = true;
    const popsAtStart = pops.current;
    api
      .get<{ call: CallContextView | null; callback: CallbackView | null }>("/api/agent/current")
      .then((current) => {
        if (!live) return;
        setLoadError(null);
        setCallback(current.callback);
        if (pops.current !== popsAtStart) return;
        if (current.call) {
          setCall(current.call);
          setCallEnded(false);
        } else {
          // A call still on screen that the server no longer has ended meanwhile: keep it for wrap-up.
          setCallEnded(true);
        }
      })
      .catch((error: unknown) => {
        if (!live) return;
        setLoadError(errorMessage(error, t("errors.unexpected")));
        setALoadFailed(true);
      });
    return () => void (live = false);
  }, [api, reloadKey, t]);

  const showCall = useCallback(
    (next: CallContextView) => {
      pops.current += 1;
      setCall(next);
      setCallEnded(false);
      updateUser({ state: "on-call" });
    },
    [updateUser],
  );
  const endCall = useCallback(() => setCallEnded(true), []);
  const clearCall = useCallback(() => (setCall(null), setCallEnded(false)), []);
  const holdGone = useCallback((holdId: string) => {
    setCall((c) => (c?.heldPair?.holdId === holdId ? { ...c, heldPair: null } : c));
    setCallback((c) => (c?.heldPair?.holdId === holdId ? { ...c, heldPair: null } : c));
  }, []);

  useSocketEvent("call:assigned", showCall);
  // The server moves the agent too (answer, dial, outcome, another tab): follow it.
  useSocketEvent("agent:state", ({ agentId, state }) => {
    if (agentId === user?.id) updateUser({ state });
  });
  useSocketEvent("call:ended", ({ callSid }) => {
    if (call?.callSid === callSid) setCallEnded(true);
  });

  const value = useMemo(
    () => ({ call, callEnded, callback, loadError, showCall, endCall, clearCall, setCallback, holdGone }),
    [call, callEnded, callback, loadError, showCall, endCall, clearCall, holdGone],
  );
  return <WorkContext.Provider value={value}>{children}</WorkContext.Provider>;
}

export function useWork(): WorkValue {
  const value = useContext(WorkContext);
  if (!value) throw new Error("useWork outside WorkProvider");
  return value;
}
