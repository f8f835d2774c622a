// Console accounts live in the database (issue 15, item 3): supervisors add, disable and
// reset them; a disabled account and every session from before a new password are refused at
// once; the environment only seeds; expired sessions are deleted by the periodic job.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaAgentStore } from "../src/adapters/prisma/prisma-agent-store.ts";
import { consoleSessionPurge } from "../src/background-jobs.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openServices } from "../src/services.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { createTestDatabase, createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,carl:Carl Vogt:pw-carl-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

describe.each(DB_KINDS)("console accounts on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let boss: ConsoleClient;
  const clock = new FakeClock();
  const signIn = async (user: string, password: string) => {
    const client = new ConsoleClient(server.url);
    const answer = await client.login(user, password);
    return { client, status: answer.status, body: answer.body };
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    server = await startTestServer(s, ACCOUNTS);
    boss = (await signIn("leitung", "pw-leitung-123")).client;
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  it("when a supervisor adds an agent without a password, then one is drawn, shown once, works, and is audited without it", async () => {
    const added = await boss.call("POST", "/api/supervisor/accounts", {
      id: "dora",
      displayName: "Dora Klein",
      role: "agent",
    });
    expect(added.status).toBe(201);
    expect(added.body.account).toMatchObject({
      id: "dora",
      displayName: "Dora Klein",
      role: "agent",
      disabledAt: null,
    });
    expect(added.body.password).toMatch(/^[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}$/);
    expect((await signIn("dora", added.body.password)).status).toBe(200);

    const list = await boss.call("GET", "/api/supervisor/accounts");
    expect(list.body.accounts.map((a: { id: string }) => a.id)).toEqual(["anna", "carl", "dora", "leitung"]);
    expect(JSON.stringify(list.body)).not.toContain(added.body.password);
    const audit = await boss.call("GET", "/api/supervisor/audit");
    const entry = audit.body.actions.find((a: { action: string }) => a.action === "account.create");
    expect(entry).toMatchObject({
      agentId: "leitung",
      details: { account: "dora", role: "agent", passwordDrawn: true },
    });
    expect(JSON.stringify(audit.body)).not.toContain(added.body.password);
  });

  it("when an account is added with bad input, a taken name or a short password, then a typed 400/409 in German", async () => {
    const taken = await boss.call("POST", "/api/supervisor/accounts", {
      id: "anna",
      displayName: "Anna",
      role: "agent",
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: "account_exists" } } });
    const bad = await boss.call("POST", "/api/supervisor/accounts", { id: "Ä b", displayName: "", role: "boss" });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: "account_invalid", fields: ["id", "displayName", "role"] } },
    });
    expect(bad.body.error.message).toMatch(/^Bitte prüfen Sie die Angaben/);
    const short = await boss.call("POST", "/api/supervisor/accounts", {
      id: "emil",
      displayName: "Emil",
      role: "agent",
      password: "kurz",
    });
    expect(short).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "password_unsuitable",
          message: "Das Passwort muss mindestens 12 Zeichen lang sein und darf den Benutzernamen nicht enthalten.",
        },
      },
    });
    const named = await boss.call("POST", "/api/supervisor/accounts", {
      id: "emil",
      displayName: "Emil",
      role: "agent",
      password: "emil-emil-emil",
    });
    expect(named).toMatchObject({ status: 400, body: { error: { code: "password_unsuitable" } } });
  });

  it("when an agent calls the account routes, then 403 on each; without a session 401", async () => {
    const anna = (await signIn("anna", "pw-anna-123")).client;
    for (const [method, path] of [
      ["GET", "/api/supervisor/accounts"],
      ["POST", "/api/supervisor/accounts"],
      ["POST", "/api/supervisor/accounts/carl/disable"],
      ["POST", "/api/supervisor/accounts/carl/enable"],
      ["POST", "/api/supervisor/accounts/carl/password"],
    ] as const) {
      expect((await anna.call(method, path, method === "POST" ? {} : undefined)).status, path).toBe(403);
      expect(
        (await new ConsoleClient(server.url).call(method, path, method === "POST" ? {} : undefined)).status,
        path,
      ).toBe(401);
    }
  });

  it("when an account is disabled, then its sessions are gone and it cannot sign in; enabled again, it can", async () => {
    const carl = await signIn("carl", "pw-carl-123");
    const secondTab = await signIn("carl", "pw-carl-123");
    expect((await carl.client.call("GET", "/api/auth/me")).status).toBe(200);

    const disabled = await boss.call("POST", "/api/supervisor/accounts/carl/disable", {});
    expect(disabled.status).toBe(200);
    expect(disabled.body.account).toMatchObject({ id: "carl", state: "offline", disabledAt: expect.any(String) });
    expect((await carl.client.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await secondTab.client.call("GET", "/api/queue")).status).toBe(401);
    expect(await s.db.prisma.agentSession.count({ where: { agentId: "carl" } })).toBe(0);
    // The right password, but a disabled account: the same answer as a wrong password.
    expect(await signIn("carl", "pw-carl-123")).toMatchObject({
      status: 401,
      body: { error: { code: "invalid_credentials" } },
    });

    expect((await boss.call("POST", "/api/supervisor/accounts/carl/enable", {})).status).toBe(200);
    expect((await signIn("carl", "pw-carl-123")).status).toBe(200);
    const actions = (await boss.call("GET", "/api/supervisor/audit")).body.actions.map(
      (a: { action: string; details: { account?: string } }) => `${a.action} ${a.details.account ?? ""}`,
    );
    expect(actions).toEqual(expect.arrayContaining(["account.disable carl", "account.enable carl"]));
  });

  it("when a password is reset, then every session from before is refused and only the new password works", async () => {
    const before = [await signIn("anna", "pw-anna-123"), await signIn("anna", "pw-anna-123")];
    const drawn = await boss.call("POST", "/api/supervisor/accounts/anna/password", {});
    expect(drawn.status).toBe(200);
    expect(drawn.body.password).toMatch(/^[2-9a-z]{4}(-[2-9a-z]{4}){3}$/);
    for (const old of before) expect((await old.client.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await signIn("anna", "pw-anna-123")).status).toBe(401);
    const afterDrawn = await signIn("anna", drawn.body.password);
    expect(afterDrawn.status).toBe(200);

    const chosen = await boss.call("POST", "/api/supervisor/accounts/anna/password", {
      password: "ein langes Passwort",
    });
    expect(chosen).toMatchObject({ status: 200, body: { password: null } });
    expect((await afterDrawn.client.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await signIn("anna", "ein langes Passwort")).status).toBe(200);
    expect((await boss.call("POST", "/api/supervisor/accounts/nobody/password", {})).status).toBe(404);
  });

  it("when a supervisor tries to disable their own account, then account_own; the last supervisor stays", async () => {
    expect(await boss.call("POST", "/api/supervisor/accounts/leitung/disable", {})).toMatchObject({
      status: 409,
      body: { error: { code: "account_own", message: "Ihr eigenes Konto können Sie nicht sperren." } },
    });
    expect(
      (await boss.call("POST", "/api/supervisor/accounts", { id: "chef", displayName: "Chef", role: "supervisor" }))
        .status,
    ).toBe(201);
    // Two supervisors disabling each other at the same moment: one of them stays.
    const store = new PrismaAgentStore(s.db.prisma);
    const results = await Promise.all([store.disable("leitung", clock.now()), store.disable("chef", clock.now())]);
    expect(results.sort()).toEqual(["disabled", "last-supervisor"]);
    expect(
      await s.db.prisma.agent.count({ where: { role: "supervisor", disabledAt: null } }),
      "enabled supervisors",
    ).toBe(1);
    const left = (await s.db.prisma.agent.findFirst({ where: { role: "supervisor", disabledAt: null } }))!.id;
    await store.enable(left === "leitung" ? "chef" : "leitung");
    boss = (await signIn("leitung", "pw-leitung-123")).client;
  });

  it("when a session expires, then it signs no one in, and the periodic job deletes its row", async () => {
    const carl = await signIn("carl", "pw-carl-123");
    expect((await carl.client.call("GET", "/api/auth/me")).status).toBe(200);
    clock.advance(13 * 60);
    expect((await carl.client.call("GET", "/api/auth/me")).status).toBe(401);
    const expired = await s.db.prisma.agentSession.count({ where: { expiresAt: { lte: clock.now() } } });
    expect(expired).toBeGreaterThan(0);
    const deleted = await consoleSessionPurge(s, server.hotline, createLogger("silent"))();
    expect(deleted).toBe(expired);
    expect(await s.db.prisma.agentSession.count({ where: { expiresAt: { lte: clock.now() } } })).toBe(0);
  });
});

describe.each(DB_KINDS)("seeding accounts from the environment on %s", (kind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function database(): Promise<Record<string, string>> {
    if (kind === "postgres") {
      const db = await createTestDatabase();
      cleanups.push(() => db.drop());
      return { DATABASE_URL: db.url };
    }
    const dir = mkdtempSync(join(tmpdir(), "impftermin-accounts-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { DATA_DIR: dir };
  }
  const start = async (env: Record<string, string>) =>
    openServices(loadConfig({ LOG_LEVEL: "silent", SEED_WEEKS: "0", ...env }), createLogger("silent"), new FakeClock());
  const canSignIn = async (s: Awaited<ReturnType<typeof start>>, id: string, password: string) => {
    const { verifyPassword } = await import("../src/adapters/auth/password.ts");
    const row = await s.db.prisma.agent.findUnique({ where: { id } });
    return Boolean(row && !row.disabledAt && (await verifyPassword(password, row.passwordHash)));
  };

  it("when the environment changes a password or drops an account, then the database's accounts stay as they were", async () => {
    const db = await database();
    const first = await start({ ...db, ...ACCOUNTS });
    await first.close();
    const second = await start({
      ...db,
      AGENT_ACCOUNTS: "anna:Anna Becker:a-new-password-1",
      SUPERVISOR_ACCOUNTS: ACCOUNTS.SUPERVISOR_ACCOUNTS,
    });
    try {
      expect(await canSignIn(second, "anna", "pw-anna-123")).toBe(true);
      expect(await canSignIn(second, "anna", "a-new-password-1")).toBe(false);
      // Dropped from the environment, still an account: only the accounts page disables it.
      expect(await canSignIn(second, "carl", "pw-carl-123")).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("when a database from development starts in production, then the demo accounts are disabled and only the first supervisor is seeded", async () => {
    const db = await database();
    const dev = await start(db); // development: the README's demo accounts
    expect(await canSignIn(dev, "anna", "impfen-anna")).toBe(true);
    await dev.close();
    const production = await start({
      ...db,
      NODE_ENV: "production",
      TWILIO_AUTH_TOKEN: "a-real-twilio-auth-token",
      METRICS_TOKEN: "a-real-metrics-token",
      SUPERVISOR_ACCOUNTS: "chefin:Clara Chef:ein-sicheres-passwort",
      AGENT_ACCOUNTS: "zoe:Zoe Demo:pw-zoe-12345678",
    });
    try {
      for (const [id, password] of [
        ["anna", "impfen-anna"],
        ["ben", "impfen-ben"],
        ["leitung", "impfen-leitung"],
      ] as const)
        expect(await canSignIn(production, id, password), id).toBe(false);
      expect(await canSignIn(production, "chefin", "ein-sicheres-passwort")).toBe(true);
      expect(await production.db.prisma.agent.findUnique({ where: { id: "zoe" } })).toBeNull();
      const audit = await production.db.prisma.supervisorAction.findMany({ where: { action: "account.disable" } });
      expect(audit.map((a) => (a.details as { account: string }).account).sort()).toEqual(["anna", "ben", "leitung"]);
    } finally {
      await production.close();
    }
  });
});
