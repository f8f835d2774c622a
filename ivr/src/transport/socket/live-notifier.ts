// Pushes live changes to consoles over socket.io. Created before the socket server exists
// (the desk needs it at construction); until attached it simply drops events.
import type { Server } from "socket.io";
import type { AgentState, ClientToServerEvents, ServerToClientEvents } from "../../contracts/console-api.ts";
import type { DeskNotifier } from "../../domain/agents/agent-desk.ts";

export type ConsoleServer = Server<ClientToServerEvents, ServerToClientEvents>;

export class LiveNotifier implements DeskNotifier {
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
      ?.to(`agent:${agent.id}`)
      .emit("agent:state", { agentId: agent.id, state: agent.state, since: agent.stateSince.toISOString() });
  }

  callAssigned(agentId: string, context: Parameters<ServerToClientEvents["call:assigned"]>[0]): void {
    this.io?.to(`agent:${agentId}`).emit("call:assigned", context);
  }

  callEnded(agentId: string, callSid: string): void {
    this.io?.to(`agent:${agentId}`).emit("call:ended", { callSid });
  }
}
