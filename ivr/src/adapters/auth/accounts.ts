// Console accounts come from configuration (AGENT_ACCOUNTS, SUPERVISOR_ACCOUNTS): the seed
// creates them, and a changed password in the configuration takes effect on the next start.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashPassword, verifyPassword } from "./password.ts";

export interface Account {
  id: string;
  displayName: string;
  password: string;
  role: "agent" | "supervisor";
}

/** "anna:Anna Becker:geheim,ben:Ben Kaya:geheim2" → accounts. */
export function parseAccounts(spec: string, role: Account["role"]): Account[] {
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, displayName, ...rest] = entry.split(":");
      const password = rest.join(":");
      if (!id || !displayName || !password) throw new Error(`account "${entry}" must be id:Display Name:password`);
      return { id: id.trim(), displayName: displayName.trim(), password, role };
    });
}

export async function ensureAccounts(prisma: PrismaClient, accounts: Account[]): Promise<void> {
  for (const a of accounts) {
    const existing = await prisma.agent.findUnique({ where: { id: a.id } });
    const keep = existing && (await verifyPassword(a.password, existing.passwordHash));
    const passwordHash = keep ? existing.passwordHash : await hashPassword(a.password);
    await prisma.agent.upsert({
      where: { id: a.id },
      create: { id: a.id, displayName: a.displayName, role: a.role, passwordHash },
      update: { displayName: a.displayName, role: a.role, passwordHash },
    });
  }
}
