// Pushes live changes to consoles over socket.io. Created before the socket server exists
// (the desk needs it at construction); until attached it simply drops events.
import type { Server } from "socket.io";
import type {
  AgentState,
  ClientToServerEvents,
  ConversationView,
  NotReadyReason,
  OfferView,
  ServerToClientEvents,
} from "../../contracts/console-api.ts";
import type { CallControlView } from "../../contracts/call-control.ts";
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

  agentState(agent: { id: string; state: AgentState; stateSince: Date; notReadyReason?: NotReadyReason | null }): void {
    const payload = {
      agentId: agent.id,
      state: agent.state,
      since: agent.stateSince.toISOString(),
      notReadyReason: agent.notReadyReason ?? null,
    };
    // Through the adapter (Redis when several processes run): every supervisor sees it.
    this.io?.to("supervisors").emit("agent:state", payload);
    this.io?.to(agentRoom(agent.id)).emit("agent:state", payload);
  }

  /** Rings at every console of the agent, on whichever process holds it. */
  offered(agentId: string, offer: OfferView): void {
    this.io?.to(agentRoom(agentId)).emit("offer:new", offer);
  }

  offerEnded(agentId: string, id: number, how: "accepted" | "missed" | "withdrawn"): void {
    this.io?.to(agentRoom(agentId)).emit("offer:ended", { id, how });
  }

  conversation(agentId: string, conversation: ConversationView | null): void {
    this.io?.to(agentRoom(agentId)).emit("conversation:update", conversation);
  }

  callAssigned(agentId: string, context: Parameters<ServerToClientEvents["call:assigned"]>[0]): void {
    this.io?.to(agentRoom(agentId)).emit("call:assigned", context);
  }

  callControl(control: CallControlView, agentIds: string[]): void {
    // One emit to the union of the rooms: a supervisor in the call gets it once.
    let rooms = this.io?.to("supervisors");
    for (const id of new Set(agentIds)) rooms = rooms?.to(agentRoom(id));
    rooms?.emit("call:control", control);
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
