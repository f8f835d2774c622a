// socket.io for the console: sessions checked at the handshake (the same cookie as the
// API), rooms per role and per agent, payloads validated, and the Redis adapter when
// several server processes serve consoles.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { createClient } from "redis";
import { Server } from "socket.io";
import { setStateEvent, type ApiError } from "../../contracts/console-api.ts";
import type { AgentDesk } from "../../domain/agents/agent-desk.ts";
import type { AgentRecord, AgentStore } from "../../domain/agents/agent-store.ts";
import type { CallbackService } from "../../domain/callbacks/callback-service.ts";
import type { Wallboard } from "../../domain/supervision/wallboard.ts";
import { hashToken, readCookie, SESSION_COOKIE } from "../http/console/session-auth.ts";
import { agentRoom, type ConsoleServer, type LiveNotifier } from "./live-notifier.ts";

const BROADCAST_MS = 1_000;
const WALLBOARD_MS = 1_500;

export interface ConsoleSocketDeps {
  agents: AgentStore;
  desk: AgentDesk;
  callbacks: CallbackService;
  wallboard: Wallboard;
  notifier: LiveNotifier;
  i18n: i18n;
  logger: Logger;
  redisUrl?: string;
  now: () => Date;
}

export async function attachConsoleSocket(
  server: HttpServer,
  deps: ConsoleSocketDeps,
): Promise<{ io: ConsoleServer; close(): Promise<void> }> {
  const io: ConsoleServer = new Server(server, { serveClient: false });
  const redis: { quit(): Promise<unknown> }[] = [];
  if (deps.redisUrl) {
    const pub = createClient({ url: deps.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on("error", (err) => deps.logger.warn({ err }, "redis"));
    await Promise.all([pub.connect(), sub.connect()]);
    // The adapter's client type lags node-redis 5's generics; the clients are the documented ones.
    io.adapter(createAdapter(pub as never, sub as never));
    redis.push(pub, sub);
  }
  const error = (code: string): ApiError => ({ error: { code, message: deps.i18n.t(code, { ns: "errors" }) } });

  io.use((socket, next) => {
    const token = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
    if (!token) return next(new Error("unauthenticated"));
    deps.agents
      .findSession(hashToken(token), deps.now())
      .then((session) => {
        if (!session) return next(new Error("unauthenticated"));
        socket.data.agent = session.agent;
        next();
      })
      .catch(() => next(new Error("unavailable")));
  });

  io.on("connection", (socket) => {
    const agent = socket.data.agent as AgentRecord;
    void socket.join(["agents", agentRoom(agent.id), ...(agent.role === "supervisor" ? ["supervisors"] : [])]);
    socket.on("agent:set-state", (payload, ack) => {
      if (typeof ack !== "function") return;
      const parsed = setStateEvent.safeParse(payload);
      if (!parsed.success) return ack(error("bad_request"));
      deps.desk.setState(agent.id, parsed.data.state).then(
        () => ack({ ok: true }),
        () => ack(error("internal")),
      );
    });
    socket.on("supervisor:snapshot", (ack) => {
      if (typeof ack !== "function") return;
      if (agent.role !== "supervisor") return ack(error("forbidden"));
      deps.wallboard.snapshot().then(ack, () => ack(error("database_unavailable")));
    });
    socket.on("queue:subscribe", (ack) => {
      if (typeof ack !== "function") return;
      deps.desk.summary().then(ack, () => ack(error("database_unavailable")));
    });
  });
  deps.notifier.attach(io);

  // Each process tells its own consoles what the shared database says (io.local: no echo
  // through Redis, so N processes do not send N copies).
  let last = "";
  let lastCallbacks = "";
  const timer = setInterval(() => {
    void (async () => {
      if (io.of("/").sockets.size === 0) return;
      const summary = await deps.desk.summary();
      const json = JSON.stringify(summary);
      if (json !== last) io.local.to("agents").emit("queue:update", summary);
      last = json;
      const counts = await deps.callbacks.countByStatus();
      const cjson = JSON.stringify(counts);
      if (cjson !== lastCallbacks) io.local.to("agents").emit("callbacks:update", counts);
      lastCallbacks = cjson;
    })().catch((err) => deps.logger.warn({ err }, "console broadcast failed"));
  }, BROADCAST_MS);
  timer.unref();

  // The wallboard, for supervisors connected to this process, well within two seconds.
  const wallboardTimer = setInterval(() => {
    void (async () => {
      if ((await io.local.in("supervisors").fetchSockets()).length === 0) return;
      io.local.to("supervisors").emit("supervisor:wallboard", await deps.wallboard.snapshot());
    })().catch((err) => deps.logger.warn({ err }, "wallboard push failed"));
  }, WALLBOARD_MS);
  wallboardTimer.unref();

  return {
    io,
    async close() {
      clearInterval(timer);
      clearInterval(wallboardTimer);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
