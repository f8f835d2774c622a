// The agent's current work: the call ringing (offer), the call on the line (with the menu's
// context), the callback being worked, and the conversation with its wrap-up. Loaded from GET
// /api/agent/current on start and after every reconnect, so a reload or a second tab shows the
// same; socket events ring, pop, end and close what happens anywhere.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CallbackView, CallContextView, ConversationView, OfferView } from "@contracts/console-api.ts";
import { errorMessage } from "./api-client.ts";
import { useApi } from "./api-context.tsx";
import { useAuth } from "./auth-context.tsx";
import { useSocket, useSocketEvent } from "./socket-context.tsx";

/** Why something stopped ringing without being taken, and whether it was a call or a callback. */
export interface OfferNote {
  how: "missed" | "withdrawn";
  kind: OfferView["kind"];
}

interface WorkValue {
  call: CallContextView | null;
  /** The caller hung up or the agent ended the call; the context stays for wrap-up. */
  callEnded: boolean;
  callback: CallbackView | null;
  /** A call (or a due callback) ringing at this desk, until accepted, missed or withdrawn. */
  offer: OfferView | null;
  /** The agent's one conversation, from answer or claim until its wrap-up is done. */
  conversation: ConversationView | null;
  /** Why the last offer stopped ringing without being taken (shown once). */
  offerNote: OfferNote | null;
  loadError: string | null;
  showCall(call: CallContextView): void;
  endCall(): void;
  clearCall(): void;
  setCallback(callback: CallbackView | null): void;
  setConversation(conversation: ConversationView | null): void;
  clearOffer(): void;
  /** Loads the current work from the server again (after accepting, ending, recording). */
  refresh(): void;
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
  const [offer, setOffer] = useState<OfferView | null>(null);
  const [offerNote, setOfferNote] = useState<OfferNote | null>(null);
  // What was ringing, so that the note after it says "call" or "callback".
  const ringingKind = useRef<OfferView["kind"]>("call");
  const [conversation, setConversation] = useState<ConversationView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [aLoadFailed, setALoadFailed] = useState(false);

  // The first connect needs no second load, unless the first load failed (the server was away:
  // "Keine Verbindung" would stay on screen after the socket connected); every reconnect does.
  const [refreshes, setRefreshes] = useState(0);
  const reloadKey = `${connects > 1 || aLoadFailed ? connects : 0}-${refreshes}`;
  // Counts calls popped by the socket, so a slower load cannot overwrite a newer pop.
  const pops = useRef(0);
  useEffect(() => {
    let live = true;
    const popsAtStart = pops.current;
    api
      .get<{
        call: CallContextView | null;
        callback: CallbackView | null;
        offer?: OfferView | null;
        conversation?: ConversationView | null;
      }>("/api/agent/current")
      .then((current) => {
        if (!live) return;
        setLoadError(null);
        setCallback(current.callback);
        setOffer(current.offer ?? null);
        setConversation(current.conversation ?? null);
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
      setOffer(null);
      setCall(next);
      setCallEnded(false);
      updateUser({ state: "on-call" });
    },
    [updateUser],
  );
  const endCall = useCallback(() => setCallEnded(true), []);
  const clearOffer = useCallback(() => setOffer(null), []);
  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  const clearCall = useCallback(() => (setCall(null), setCallEnded(false)), []);
  const holdGone = useCallback((holdId: string) => {
    setCall((c) => (c?.heldPair?.holdId === holdId ? { ...c, heldPair: null } : c));
    setCallback((c) => (c?.heldPair?.holdId === holdId ? { ...c, heldPair: null } : c));
  }, []);

  useSocketEvent("call:assigned", showCall);
  // The server moves the agent too (answer, dial, outcome, another tab): follow it.
  useSocketEvent("agent:state", ({ agentId, state, since, notReadyReason }) => {
    if (agentId === user?.id) updateUser({ state, stateSince: since, notReadyReason: notReadyReason ?? null });
  });
  useSocketEvent("offer:new", (next) => {
    ringingKind.current = next.kind;
    setOffer(next);
    setOfferNote(null);
  });
  useSocketEvent("offer:ended", ({ id, how }) => {
    setOffer((current) => (current?.id === id ? null : current));
    if (how !== "accepted") setOfferNote({ how, kind: ringingKind.current });
  });
  useSocketEvent("conversation:update", (next) => {
    setConversation(next);
    // Wrap-up over (done here, in another tab, or its time ran out): the ended call goes too.
    if (!next && callEnded) clearCall();
  });
  useSocketEvent("call:ended", ({ callSid }) => {
    if (call?.callSid === callSid) setCallEnded(true);
  });

  const value = useMemo(
    () => ({
      call,
      callEnded,
      callback,
      offer,
      conversation,
      offerNote,
      loadError,
      showCall,
      endCall,
      clearCall,
      setCallback,
      setConversation,
      clearOffer,
      refresh,
      holdGone,
    }),
    [
      call,
      callEnded,
      callback,
      offer,
      conversation,
      offerNote,
      loadError,
      showCall,
      endCall,
      clearCall,
      clearOffer,
      refresh,
      holdGone,
    ],
  );
  return <WorkContext.Provider value={value}>{children}</WorkContext.Provider>;
}

export function useWork(): WorkValue {
  const value = useContext(WorkContext);
  if (!value) throw new Error("useWork outside WorkProvider");
  return value;
}
