// The environment seeds accounts, it does not manage them: an account named in
// SUPERVISOR_ACCOUNTS (and, outside production, AGENT_ACCOUNTS) is created when it does not
// exist yet, and never changed afterwards. Supervisors manage accounts on the console's
// accounts page; a password changed in the environment changes nothing.
import type { SeedAccount } from "../../config.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "./password.ts";

/** Creates the accounts that do not exist yet; returns their ids. */
export async function seedAccounts(prisma: PrismaClient, accounts: SeedAccount[]): Promise<string[]> {
  const existing = new Set(
    (await prisma.agent.findMany({ where: { id: { in: accounts.map((a) => a.id) } }, select: { id: true } })).map(
      (a) => a.id,
    ),
  );
  const created: string[] = [];
  for (const a of accounts.filter((account) => !existing.has(account.id))) {
    const passwordHash = await hashPassword(a.password);
    const inserted = await prisma.$executeRaw`
      INSERT INTO agent (id, display_name, role, password_hash, password_changed_at)
      VALUES (${a.id}, ${a.displayName}, ${a.role}, ${passwordHash}, now())
      ON CONFLICT (id) DO NOTHING`;
    if (inserted === 1) created.push(a.id);
  }
  return created;
}

/**
 * In production: disables every README demo account that still signs in with its demo
 * password (a database first started in development), and deletes its sessions. Returns the
 * ids disabled.
 */
export async function disableDemoAccounts(prisma: PrismaClient, demo: SeedAccount[], at: Date): Promise<string[]> {
  const rows = await prisma.agent.findMany({ where: { id: { in: demo.map((a) => a.id) }, disabledAt: null } });
  const disabled: string[] = [];
  for (const row of rows) {
    const account = demo.find((a) => a.id === row.id)!;
    if (!(await verifyPassword(account.password, row.passwordHash))) continue;
    await prisma.$transaction([
      prisma.agent.update({ where: { id: row.id }, data: { disabledAt: at, state: "offline" } }),
      prisma.agentSession.deleteMany({ where: { agentId: row.id } }),
      prisma.supervisorAction.create({
        data: { agentId: "system", action: "account.disable", details: { account: row.id, reason: "demo-password" } },
      }),
    ]);
    disabled.push(row.id);
  }
  return disabled;
}
