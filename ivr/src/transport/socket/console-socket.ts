// socket.io for the console: the Origin and the session checked at the handshake (the same
// cookie as the API), and the session again on every event; a socket is cut when its session
// ends (sign-out, a disabled account, a new password: through the adapter, on every process),
// when it expires, and, as a backstop, when a periodic check finds it gone. Rooms per role,
// per agent and per session, payloads validated, and the Redis adapter when several server
// processes serve consoles.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { createClient } from "redis";
import { Server } from "socket.io";
import { setStateEvent, type ApiError } from "../../contracts/console-api.ts";
import type { AgentDesk } from "../../domain/agents/agent-desk.ts";
import type { AgentRecord, AgentStore } from "../../domain/agents/agent-store.ts";
import type { CallRouter } from "../../domain/agents/call-router.ts";
import type { CallbackService } from "../../domain/callbacks/callback-service.ts";
import { isDomainError } from "../../domain/errors.ts";
import type { Wallboard } from "../../domain/supervision/wallboard.ts";
import { hashToken, readCookie, SESSION_COOKIE } from "../http/console/session-auth.ts";
import { agentRoom, sessionRoom, type ConsoleServer, type LiveNotifier } from "./live-notifier.ts";

const BROADCAST_MS = 1_000;
const WALLBOARD_MS = 1_500;
/** Backstop for sessions ended where no signal reached this process (deleted by hand, say). */
const SESSION_CHECK_MS = 30_000;
/** setTimeout's longest delay (about 24.8 days); sessions last at most 72 hours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConsoleSocketDeps {
  agents: AgentStore;
  desk: AgentDesk;
  /** Offers calls to free agents; every process runs rounds (see call-router.ts). */
  router: CallRouter;
  /** Milliseconds between routing rounds (a second: a caller rings at a free agent within about a second); 0: none. */
  routingRoundMs: number;
  callbacks: CallbackService;
  wallboard: Wallboard;
  notifier: LiveNotifier;
  i18n: i18n;
  logger: Logger;
  redisUrl?: string;
  now: () => Date;
  /** Whether a browser page of this origin may open a socket (no Origin header: not a browser page). */
  originAllowed(req: IncomingMessage): boolean;
}

export async function attachConsoleSocket(
  server: HttpServer,
  deps: ConsoleSocketDeps,
): Promise<{ io: ConsoleServer; close(): Promise<void> }> {
  const io: ConsoleServer = new Server(server, {
    serveClient: false,
    // WebSockets know no CORS: a page elsewhere could open one with the agent's cookie.
    allowRequest: (req, callback) =>
      callback(deps.originAllowed(req) ? null : "origin_forbidden", deps.originAllowed(req)),
  });
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
    const tokenHash = hashToken(token);
    deps.agents
      .findSession(tokenHash, deps.now())
      .then((session) => {
        if (!session) return next(new Error("unauthenticated"));
        // A centre's reception has no desk: no calls, no queue, no wallboard.
        if (session.agent.role === "centre") return next(new Error("forbidden"));
        socket.data.agent = session.agent;
        socket.data.tokenHash = tokenHash;
        socket.data.expiresAt = session.expiresAt.getTime();
        next();
      })
      .catch(() => next(new Error("unavailable")));
  });

  io.on("connection", (socket) => {
    const agent = socket.data.agent as AgentRecord;
    const tokenHash = socket.data.tokenHash as string;
    void socket.join([
      "agents",
      agentRoom(agent.id),
      sessionRoom(tokenHash),
      ...(agent.role === "supervisor" ? ["supervisors"] : []),
    ]);
    // Cut at the session's end, not at the next event.
    const expiry = setTimeout(
      () => socket.disconnect(true),
      Math.min(MAX_TIMER_MS, Math.max(0, (socket.data.expiresAt as number) - deps.now().getTime())),
    );
    expiry.unref();
    socket.on("disconnect", () => clearTimeout(expiry));

    /** Runs `handler` only while the session holds; otherwise answers 401 and cuts the socket. */
    const whileSignedIn =
      (handler: (current: AgentRecord, reply: (answer: unknown) => void) => void) =>
      (ack: unknown): void => {
        if (typeof ack !== "function") return;
        deps.agents.findSession(tokenHash, deps.now()).then(
          (session) => {
            if (!session) {
              ack(error("unauthenticated"));
              socket.disconnect(true);
              return;
            }
            handler(session.agent, ack as (answer: unknown) => void);
          },
          () => ack(error("database_unavailable")),
        );
      };

    socket.on("agent:set-state", (payload, ack) =>
      whileSignedIn((current, reply) => {
        const parsed = setStateEvent.safeParse(payload);
        if (!parsed.success) return reply(error("bad_request"));
        deps.desk.setState(current.id, parsed.data.state, parsed.data.reason).then(
          () => reply({ ok: true }),
          (err: unknown) => reply(error(isDomainError(err) ? err.code : "internal")),
        );
      })(ack),
    );
    socket.on(
      "supervisor:snapshot",
      whileSignedIn((current, reply) => {
        if (current.role !== "supervisor") return reply(error("forbidden"));
        deps.wallboard.snapshot().then(reply, () => reply(error("database_unavailable")));
      }),
    );
    socket.on(
      "queue:subscribe",
      whileSignedIn((_current, reply) => {
        deps.desk.summary().then(reply, () => reply(error("database_unavailable")));
      }),
    );
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

  // Routing: offers, their timeouts and wrap-up ends are rows in the database, so any
  // process's round serves every agent, and a process that dies leaves nothing ringing forever.
  let routing = false;
  const routingTimer = setInterval(() => {
    if (routing || deps.routingRoundMs === 0) return;
    routing = true;
    deps.router
      .round()
      .catch((err) => deps.logger.warn({ err }, "routing round failed"))
      .finally(() => (routing = false));
  }, deps.routingRoundMs || 60_000);
  routingTimer.unref();

  // The wallboard, for supervisors connected to this process, well within two seconds.
  const wallboardTimer = setInterval(() => {
    void (async () => {
      if ((await io.local.in("supervisors").fetchSockets()).length === 0) return;
      io.local.to("supervisors").emit("supervisor:wallboard", await deps.wallboard.snapshot());
    })().catch((err) => deps.logger.warn({ err }, "wallboard push failed"));
  }, WALLBOARD_MS);
  wallboardTimer.unref();

  // Sessions of this process's sockets, checked in one query: a socket whose session is gone
  // by any way the signals above did not cover is cut within SESSION_CHECK_MS.
  const sessionTimer = setInterval(() => {
    void checkSessions(io, deps).catch((err) => deps.logger.warn({ err }, "socket session check failed"));
  }, SESSION_CHECK_MS);
  sessionTimer.unref();

  return {
    io,
    async close() {
      clearInterval(timer);
      clearInterval(routingTimer);
      clearInterval(wallboardTimer);
      clearInterval(sessionTimer);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((c) => c.quit().catch(() => undefined)));
    },
  };
}

/** Cuts this process's sockets whose sessions expired, were deleted or whose account was disabled. */
export async function checkSessions(
  io: ConsoleServer,
  deps: Pick<ConsoleSocketDeps, "agents" | "now">,
): Promise<number> {
  const sockets = [...io.of("/").sockets.values()];
  if (sockets.length === 0) return 0;
  const valid = await deps.agents.validSessions(
    [...new Set(sockets.map((s) => s.data.tokenHash as string))],
    deps.now(),
  );
  const gone = sockets.filter((s) => !valid.has(s.data.tokenHash as string));
  for (const socket of gone) socket.disconnect(true);
  return gone.length;
}
