import type { AgentState, Role } from "../../contracts/console-api.ts";
import type { AgentRecord, AgentStore } from "../../domain/agents/agent-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

type Row = {
  id: string;
  displayName: string;
  role: string;
  state: string;
  stateSince: Date;
  currentCallSid: string | null;
  currentCallbackId: number | null;
  passwordHash: string | null;
};
const toRecord = (a: Row): AgentRecord => ({ ...a, role: a.role as Role, state: a.state as AgentState });

export class PrismaAgentStore implements AgentStore {
  constructor(private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<AgentRecord | null> {
    const a = await this.prisma.agent.findUnique({ where: { id } });
    return a ? toRecord(a) : null;
  }

  async setState(
    id: string,
    state: AgentState,
    at: Date,
    call: { callSid?: string | null; callbackId?: number | null } = {},
  ): Promise<AgentRecord | null> {
    const data: Record<string, unknown> = { state, stateSince: at };
    if (call.callSid !== undefined) data.currentCallSid = call.callSid;
    if (call.callbackId !== undefined) data.currentCallbackId = call.callbackId;
    const updated = await this.prisma.agent.updateMany({ where: { id }, data });
    return updated.count === 1 ? this.find(id) : null;
  }

  async all(): Promise<AgentRecord[]> {
    return (await this.prisma.agent.findMany({ orderBy: { id: "asc" } })).map(toRecord);
  }

  async createSession(agentId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.prisma.agentSession.create({ data: { agentId, tokenHash, expiresAt } });
  }

  async findSession(tokenHash: string, now: Date): Promise<AgentRecord | null> {
    const s = await this.prisma.agentSession.findUnique({ where: { tokenHash }, include: { agent: true } });
    return s && s.expiresAt > now ? toRecord(s.agent) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.prisma.agentSession.deleteMany({ where: { tokenHash } });
  }
}
