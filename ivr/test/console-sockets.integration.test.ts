// Sockets end with their session (issue 15, item 4): after sign-out, a disabled account or an
// expired session the socket is cut, gets no wallboard push and cannot change the agent's
// state; across processes through the Redis adapter; and pages of other origins cannot open one.
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkSessions } from "../src/transport/socket/console-socket.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "sock-anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "sock-chefin:Sabine Leitner:pw-leitung-123,sock-chef2:Karl Zwei:pw-chef2-1234",
};

function open(url: string, cookie: string, headers: Record<string, string> = {}): Socket {
  return connect(url, { extraHeaders: { cookie, ...headers }, transports: ["websocket"], reconnection: false });
}
const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
const disconnected = (socket: Socket) =>
  new Promise<string>((resolve) => (socket.connected ? socket.once("disconnect", resolve) : resolve("not connected")));
const ack = (socket: Socket, event: string, ...args: unknown[]) =>
  Promise.race([
    new Promise<any>((resolve) => socket.emit(event, ...args, resolve)),
    new Promise((resolve) => setTimeout(() => resolve("no answer"), 1_500)),
  ]);
const wallboardPushes = async (socket: Socket, ms: number) => {
  let pushes = 0;
  const count = () => pushes++;
  socket.on("supervisor:wallboard", count);
  await new Promise((r) => setTimeout(r, ms));
  socket.off("supervisor:wallboard", count);
  return pushes;
};

describe.each(DB_KINDS)("console sockets and sessions on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const clock = new FakeClock();
  const sockets: Socket[] = [];
  const signIn = async (user: string, password: string) => {
    const client = new ConsoleClient(server.url);
    expect((await client.login(user, password)).status).toBe(200);
    return client;
  };
  const socketOf = async (client: ConsoleClient, headers: Record<string, string> = {}) => {
    const socket = open(server.url, client.sessionCookie, headers);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    server = await startTestServer(s, ACCOUNTS);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  it("when a supervisor signs out, then the socket is cut at once and gets no wallboard push", async () => {
    const boss = await signIn("sock-chefin", "pw-leitung-123");
    const socket = await socketOf(boss);
    expect(await wallboardPushes(socket, 1_700)).toBeGreaterThan(0);
    const gone = disconnected(socket);
    expect((await boss.call("POST", "/api/auth/logout")).status).toBe(204);
    expect(await gone).toBe("io server disconnect");
    expect(await wallboardPushes(socket, 3_200)).toBe(0);
    // The cookie the socket had opens none again.
    const again = open(server.url, boss.sessionCookie);
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow("unauthenticated");
  });

  it("when an agent signs out, then agent:set-state from the old socket changes nothing", async () => {
    const anna = await signIn("sock-anna", "pw-anna-123");
    const socket = await socketOf(anna);
    expect(await ack(socket, "agent:set-state", { state: "break" })).toEqual({ ok: true });
    const gone = disconnected(socket);
    await anna.call("POST", "/api/auth/logout");
    await gone;
    expect(await ack(socket, "agent:set-state", { state: "available" })).toBe("no answer");
    expect((await s.db.prisma.agent.findUniqueOrThrow({ where: { id: "sock-anna" } })).state).toBe("break");
  });

  it("when a session ends where no signal reached the socket, then its next event is refused and the socket cut", async () => {
    const anna = await signIn("sock-anna", "pw-anna-123");
    const socket = await socketOf(anna);
    // Deleted straight in the database (by another tool, say): no sign-out signal at all.
    await s.db.prisma.agentSession.deleteMany({ where: { agentId: "sock-anna" } });
    const gone = disconnected(socket);
    expect(await ack(socket, "agent:set-state", { state: "available" })).toMatchObject({
      error: { code: "unauthenticated" },
    });
    await gone;
    expect((await s.db.prisma.agent.findUniqueOrThrow({ where: { id: "sock-anna" } })).state).not.toBe("available");
  });

  it("when a session expires, then the socket is cut at its end, and the periodic check cuts any left", async () => {
    const anna = await signIn("sock-anna", "pw-anna-123");
    // Twelve hours later, less one second: the socket opens and is cut a second after.
    clock.advance(12 * 60 - 1 / 60);
    const socket = await socketOf(anna);
    const gone = disconnected(socket);
    expect(await gone).toBe("io server disconnect");

    clock.set("2021-01-25T09:00:00+01:00");
    const ben = await signIn("sock-anna", "pw-anna-123");
    const other = await socketOf(ben);
    clock.advance(13 * 60);
    expect(await checkSessions(server.io, { agents: server.hotline.agents, now: () => clock.now() })).toBe(1);
    await disconnected(other);
  });

  it("when a supervisor disables an account or resets its password, then all of its sockets are cut", async () => {
    const boss = await signIn("sock-chefin", "pw-leitung-123");
    const second = await signIn("sock-chef2", "pw-chef2-1234");
    const tabs = [await socketOf(second), await socketOf(second)];
    const cut = tabs.map(disconnected);
    expect((await boss.call("POST", "/api/supervisor/accounts/sock-chef2/password", {})).status).toBe(200);
    expect(await Promise.all(cut)).toEqual(["io server disconnect", "io server disconnect"]);

    const anna = await signIn("sock-anna", "pw-anna-123");
    const annaSocket = await socketOf(anna);
    const annaGone = disconnected(annaSocket);
    expect((await boss.call("POST", "/api/supervisor/accounts/sock-anna/disable", {})).status).toBe(200);
    await annaGone;
    expect((await boss.call("POST", "/api/supervisor/accounts/sock-anna/enable", {})).status).toBe(200);
  });

  it("when a page of another origin opens a socket with the cookie, then the handshake is refused", async () => {
    const boss = await signIn("sock-chefin", "pw-leitung-123");
    const evil = open(server.url, boss.sessionCookie, { origin: "https://evil.example" });
    sockets.push(evil);
    await expect(connected(evil)).rejects.toThrow();
    const own = await socketOf(boss, { origin: server.url });
    expect(own.connected).toBe(true);
  });
});

describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)(
  "console sockets across two server processes (PostgreSQL and Redis)",
  () => {
    let s: TestServices;
    let a: TestServer;
    let b: TestServer;
    const env = { ...ACCOUNTS, REDIS_URL: process.env.REDIS_URL ?? "" };

    beforeAll(async () => {
      s = await createTestServices("postgres", new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
      a = await startTestServer(s, env);
      b = await startTestServer(s, env);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await s?.dispose();
    });

    it("when the agent signs out through one process, then the socket held by the other is cut", async () => {
      const anna = new ConsoleClient(a.url);
      expect((await anna.login("sock-anna", "pw-anna-123")).status).toBe(200);
      const socket = open(b.url, anna.sessionCookie);
      try {
        await connected(socket);
        const gone = disconnected(socket);
        expect((await anna.call("POST", "/api/auth/logout")).status).toBe(204);
        expect(await gone).toBe("io server disconnect");
      } finally {
        socket.close();
      }
    });
  },
);
