// The live line to the server: one socket.io connection per signed-in tab, same origin,
// with the session cookie. Components listen with useSocketEvent; the status drives the
// "reconnecting" banner, and `connects` counts connections so state can be reloaded after one.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@contracts/console-api.ts";

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketFactory = () => ConsoleSocket;
export type SocketStatus = "connecting" | "connected" | "reconnecting";

interface SocketValue {
  socket: ConsoleSocket | null;
  status: SocketStatus;
  connects: number;
}

const SocketContext = createContext<SocketValue>({ socket: null, status: "connecting", connects: 0 });

// Not connected at once: the provider connects a tick later, so React's development double
// mount does not open and immediately close a WebSocket (which browsers warn about).
export const defaultSocketFactory: SocketFactory = () => io({ withCredentials: true, autoConnect: false });

const RETRY_MS = 5_000;

interface ProviderProps {
  children: ReactNode;
  factory?: SocketFactory;
  /** The server refused the handshake for want of a session. */
  onUnauthenticated?: () => void;
}

export function SocketProvider({ children, factory = defaultSocketFactory, onUnauthenticated }: ProviderProps) {
  const [value, setValue] = useState<SocketValue>({ socket: null, status: "connecting", connects: 0 });

  useEffect(() => {
    const socket = factory();
    const set = (patch: Partial<SocketValue>) => setValue((v) => ({ ...v, ...patch }));
    set({ socket, status: socket.connected ? "connected" : "connecting" });
    const onConnect = () => setValue((v) => ({ ...v, status: "connected", connects: v.connects + 1 }));
    const onDisconnect = (reason: string) => {
      if (reason === "io client disconnect") return;
      set({ status: "reconnecting" });
      // The server closed the socket on purpose: socket.io does not retry that by itself.
      if (reason === "io server disconnect") socket.connect();
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onError = (error: Error) => {
      set({ status: "reconnecting" });
      // A refused handshake is not retried by socket.io itself: check the session (a 401
      // there brings the login back) and try again a little later.
      if (socket.active) return;
      if (error.message === "unauthenticated") onUnauthenticated?.();
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), RETRY_MS);
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onError);
    if (socket.connected) onConnect();
    const connecting = socket.connected ? undefined : setTimeout(() => socket.connect(), 0);
    return () => {
      clearTimeout(connecting);
      clearTimeout(retry);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onError);
      socket.disconnect();
    };
  }, [factory, onUnauthenticated]);

  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export function useSocket(): SocketValue {
  return useContext(SocketContext);
}

/** Listens to one server event for as long as the component is mounted. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
  const { socket } = useSocket();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: unknown[]) =>
      (latest.current as (...a: unknown[]) => void)(...args)) as ServerToClientEvents[E];
    socket.on(event, listener as never);
    return () => void socket.off(event, listener as never);
  }, [socket, event]);
}
