// Pushes live changes to consoles over socket.io. Created before the socket server exists
// (the desk needs it at construction); until attached it simply drops events.
import type { Server } from "socket.io";
import type { AgentState, ClientToServerEvents, ServerToClientEvents } from "../../contracts/console-api.ts";
import type { SessionsEnded } from "../../domain/accounts/account-service.ts";
import type { DeskNotifier } from "../../domain/agents/agent-desk.ts";

export type ConsoleServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Rooms every console socket joins besides "agents" (and "supervisors"): its account's and its session's. */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;

export class LiveNotifier implements DeskNotifier, SessionsEnded {
  private io: ConsoleServer | null = null;

  attach(io: ConsoleServer): void {
    this.io = io;
  }

  agentState(agent: { id: string; state: AgentState; stateSince: Date }): void {
    // Through the adapter (Redis when several processes run): every supervisor sees it.
    this.io
      ?.to("supervisors")
      .emit("agent:state", { agentId: agent.id, state: agent.state, since: agent.stateSince.toISOString() });
    this.io
      ?.to(agentRoom(agent.id))
      .emit("agent:state", { agentId: agent.id, state: agent.state, since: agent.stateSince.toISOString() });
  }

  callAssigned(agentId: string, context: Parameters<ServerToClientEvents["call:assigned"]>[0]): void {
    this.io?.to(agentRoom(agentId)).emit("call:assigned", context);
  }

  callEnded(agentId: string, callSid: string): void {
    this.io?.to(agentRoom(agentId)).emit("call:ended", { callSid });
  }

  /** A sign-out: that session's sockets are cut, on every process (the adapter carries it). */
  sessionEnded(tokenHash: string): void {
    this.io?.in(sessionRoom(tokenHash)).disconnectSockets(true);
  }

  /** A disabled account or a new password: all of the account's sockets are cut, everywhere. */
  accountSignedOut(accountId: string): void {
    this.io?.in(agentRoom(accountId)).disconnectSockets(true);
  }
}
