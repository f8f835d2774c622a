import type { AgentState, NotReadyReason, Role } from "../../contracts/console-api.ts";
import type { AccountStore, NewAccount } from "../../domain/accounts/account-store.ts";
import type { AgentRecord, AgentStore, SessionRecord } from "../../domain/agents/agent-store.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

type Row = {
  id: string;
  displayName: string;
  role: string;
  centreId: number | null;
  state: string;
  stateSince: Date;
  currentCallSid: string | null;
  currentCallbackId: number | null;
  passwordHash: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  passwordChangedAt: Date | null;
  languages: string[] | null;
  notReadyReason: string | null;
};
const toRecord = (a: Row): AgentRecord => ({
  ...a,
  role: a.role as Role,
  state: a.state as AgentState,
  languages: a.languages ?? ["de"],
  notReadyReason: a.notReadyReason as NotReadyReason | null,
});

export class PrismaAgentStore implements AgentStore, AccountStore {
  constructor(private readonly prisma: PrismaClient) {}

  async find(id: string): Promise<AgentRecord | null> {
    const a = await this.prisma.agent.findUnique({ where: { id } });
    return a ? toRecord(a) : null;
  }

  async setState(
    id: string,
    state: AgentState,
    at: Date,
    call: { callSid?: string | null; callbackId?: number | null; reason?: NotReadyReason | null } = {},
  ): Promise<AgentRecord | null> {
    // "Nicht bereit" carries its reason; every other state clears it.
    const data: Record<string, unknown> = {
      state,
      stateSince: at,
      notReadyReason: state === "break" ? (call.reason ?? "pause") : null,
    };
    if (call.callSid !== undefined) data.currentCallSid = call.callSid;
    if (call.callbackId !== undefined) data.currentCallbackId = call.callbackId;
    const updated = await this.prisma.$transaction(async (tx) => {
      // The row locked first, so two changes at once are recorded in the order they were made.
      const [before] = await tx.$queryRaw<{ state: string }[]>`
        SELECT state FROM agent WHERE id = ${id} AND disabled_at IS NULL FOR UPDATE`;
      // A disabled account stays offline, whatever a request still in flight asks for.
      if (!before) return false;
      await tx.agent.updateMany({ where: { id }, data });
      // The state history behind handle time and occupancy (see domain/supervision).
      if (before.state !== state)
        await tx.agentStateChange.create({
          data: { agentId: id, state, reason: (data.notReadyReason as string | null) ?? null, at },
        });
      return true;
    });
    return updated ? this.find(id) : null;
  }

  async recordHold(id: string, held: boolean, at: Date): Promise<void> {
    await this.prisma.agentStateChange.create({ data: { agentId: id, state: held ? "on-hold" : "on-call", at } });
  }

  async setLanguages(id: string, languages: string[]): Promise<AgentRecord | null> {
    const updated = await this.prisma.agent.updateMany({ where: { id }, data: { languages } });
    return updated.count === 1 ? this.find(id) : null;
  }

  async all(): Promise<AgentRecord[]> {
    return (await this.prisma.agent.findMany({ orderBy: { id: "asc" } })).map(toRecord);
  }

  async createSession(agentId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.prisma.agentSession.create({ data: { agentId, tokenHash, expiresAt } });
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | null> {
    const s = await this.prisma.agentSession.findUnique({ where: { tokenHash }, include: { agent: true } });
    return s && s.expiresAt > now && !s.agent.disabledAt ? { agent: toRecord(s.agent), expiresAt: s.expiresAt } : null;
  }

  async validSessions(tokenHashes: string[], now: Date): Promise<Set<string>> {
    if (tokenHashes.length === 0) return new Set();
    const rows = await this.prisma.agentSession.findMany({
      where: { tokenHash: { in: tokenHashes }, expiresAt: { gt: now }, agent: { disabledAt: null } },
      select: { tokenHash: true },
    });
    return new Set(rows.map((r) => r.tokenHash));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.prisma.agentSession.deleteMany({ where: { tokenHash } });
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    return (await this.prisma.agentSession.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }

  // ---- Account management (AccountStore) ----

  async create(account: NewAccount): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO agent (id, display_name, role, centre_id, password_hash, created_at, password_changed_at)
      VALUES (${account.id}, ${account.displayName}, ${account.role}, ${account.centreId}::int, ${account.passwordHash},
              ${account.at}::timestamptz, ${account.at}::timestamptz)
      ON CONFLICT (id) DO NOTHING`;
    return inserted === 1;
  }

  async setPassword(id: string, passwordHash: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.agent.updateMany({ where: { id }, data: { passwordHash, passwordChangedAt: at } });
      await tx.agentSession.deleteMany({ where: { agentId: id } });
      return updated.count === 1;
    });
  }

  async disable(id: string, at: Date): Promise<"disabled" | "unknown" | "last-supervisor"> {
    return this.prisma.$transaction(async (tx) => {
      // Enabled supervisors locked in id order: two supervisors disabling each other at once
      // are serialised here, and the second sees that the first left only one.
      const supervisors = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM agent WHERE role = 'supervisor' AND disabled_at IS NULL ORDER BY id FOR UPDATE`;
      const target = await tx.agent.findUnique({ where: { id } });
      if (!target) return "unknown";
      if (supervisors.length === 1 && supervisors[0]!.id === id) return "last-supervisor";
      await tx.agent.update({
        where: { id },
        data: {
          disabledAt: target.disabledAt ?? at,
          state: "offline",
          stateSince: target.state === "offline" ? target.stateSince : at,
          currentCallSid: null,
          currentCallbackId: null,
        },
      });
      if (target.state !== "offline")
        await tx.agentStateChange.create({ data: { agentId: id, state: "offline", reason: "disabled", at } });
      await tx.agentSession.deleteMany({ where: { agentId: id } });
      return "disabled";
    });
  }

  async enable(id: string): Promise<boolean> {
    return (await this.prisma.agent.updateMany({ where: { id }, data: { disabledAt: null } })).count === 1;
  }

  async centreExists(id: number): Promise<boolean> {
    return (await this.prisma.centre.count({ where: { id } })) === 1;
  }
}
