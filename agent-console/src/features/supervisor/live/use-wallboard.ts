// The live snapshot: asked for over the socket on every (re)connect, then pushed by the
// server about every 1.5 s. No HTTP polling.
import { useCallback, useEffect, useState } from "react";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";
import { useSocket, useSocketEvent } from "../../../app/socket-context.tsx";

export interface WallboardState {
  snapshot: WallboardSnapshot | null;
  /** When the last snapshot arrived, by this browser's clock (for "no new figures"). */
  receivedAt: number;
  /** The server's message when it refused the snapshot. */
  error: string | null;
}

export function useWallboard(): WallboardState {
  const { socket, connects } = useSocket();
  const [state, setState] = useState<WallboardState>({ snapshot: null, receivedAt: 0, error: null });
  const take = useCallback(
    (snapshot: WallboardSnapshot) => setState({ snapshot, receivedAt: Date.now(), error: null }),
    [],
  );

  useEffect(() => {
    if (!socket || connects === 0) return;
    let live = true;
    socket.emit("supervisor:snapshot", (answer) => {
      if (!live) return;
      if ("error" in answer) setState((s) => ({ ...s, error: answer.error.message }));
      else take(answer);
    });
    return () => void (live = false);
  }, [socket, connects, take]);
  useSocketEvent("supervisor:wallboard", take);

  return state;
}
