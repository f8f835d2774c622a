// Stands in for socket.io-client's Socket: records what the console emits and lets a test
// play the server's events.
import { act } from "@testing-library/react";
import type { QueueSummary, ServerToClientEvents } from "@contracts/console-api.ts";
import type { ConsoleSocket } from "../app/socket-context.tsx";

type Listener = (...args: unknown[]) => void;

export class FakeSocket {
  /** Connected by the provider, like a real socket created with autoConnect: false. */
  connected = false;
  /** False once socket.io would stop retrying by itself (a refused handshake). */
  active = true;
  readonly emitted: { event: string; args: unknown[] }[] = [];
  /** What "queue:subscribe" acknowledges with; null: no answer. */
  queueAck: QueueSummary | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }

  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  emit(event: string, ...args: unknown[]) {
    this.emitted.push({ event, args });
    const ack = args[args.length - 1];
    if (event === "queue:subscribe" && this.queueAck && typeof ack === "function") ack(this.queueAck);
    return this;
  }

  connect() {
    this.connected = true;
    this.fire("connect");
    return this;
  }

  disconnect() {
    this.connected = false;
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** The server sends an event. */
  serverEmit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    act(() => this.fire(event, ...args));
  }

  /** The connection drops (as socket.io reports it). */
  drop(reason = "transport close") {
    this.connected = false;
    act(() => this.fire("disconnect", reason));
  }

  /** The server's middleware refuses the handshake. */
  refuse(message: string) {
    this.connected = false;
    this.active = false;
    act(() => this.fire("connect_error", new Error(message)));
  }

  reconnect() {
    act(() => {
      this.connect();
    });
  }

  asSocket(): ConsoleSocket {
    return this as unknown as ConsoleSocket;
  }

  private fire(event: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}
