// A tiny stand-in for our IVR, for the emulator's own tests: routes answer canned TwiML, and every
// request is checked with twilio's validateRequest exactly as the real server does (403 when the
// signature is wrong). useFakeTwimlServer() gives each test a fresh one.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterEach, beforeEach } from "vitest";
import { CallEmulator, type CallEmulatorOptions } from "./call-emulator.ts";

export const TEST_TOKEN = "test-auth-token-123";

export interface ReceivedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  signatureValid: boolean;
}
type RouteAnswer = string | { status?: number; contentType?: string; body: string };
type Route = (params: Record<string, string>) => RouteAnswer;

/** Wraps verbs in a TwiML document. */
export function twiml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

async function startFakeTwimlServer(publicBaseUrl?: string) {
  // Twilio ignores the body of a status callback; an empty 204 is what most servers send.
  const routes = new Map<string, Route>([["/voice/status", () => ({ status: 204, body: "" })]]);
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const isPost = req.method === "POST";
      const params = Object.fromEntries(new URLSearchParams(isPost ? Buffer.concat(chunks).toString() : url.search));
      const signature = String(req.headers["x-twilio-signature"]);
      const publicUrl = (publicBaseUrl ?? baseUrl) + (req.url ?? "/");
      const signatureValid = twilio.validateRequest(TEST_TOKEN, signature, publicUrl, isPost ? params : {});
      received.push({ method: req.method ?? "", path: url.pathname, params, signatureValid });
      const route = routes.get(url.pathname);
      let answer: RouteAnswer;
      try {
        if (!signatureValid) answer = { status: 403, body: "Twilio signature invalid" };
        else answer = route ? route(params) : { status: 404, body: `no route ${url.pathname}` };
      } catch (error) {
        answer = { status: 500, body: String(error) };
      }
      const {
        status = 200,
        contentType = status === 200 ? "text/xml" : "text/plain",
        body,
      } = typeof answer === "string" ? { body: answer } : answer;
      res.writeHead(status, { "Content-Type": contentType }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    /** Adds or replaces a route; the key is "/path" (any method). */
    route(path: string, handler: Route | RouteAnswer) {
      routes.set(path, typeof handler === "function" ? handler : () => handler);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fresh fake server per test, and an emulator factory pointed at it. */
export function useFakeTwimlServer() {
  let current: Awaited<ReturnType<typeof startFakeTwimlServer>> | undefined;
  const fixture = {
    get server() {
      if (current === undefined) throw new Error("fake server used outside a test");
      return current;
    },
    /** Restarts the server, e.g. with a public base URL. */
    async restart(publicBaseUrl?: string) {
      await current?.close();
      current = await startFakeTwimlServer(publicBaseUrl);
    },
    emulator: (options: Partial<CallEmulatorOptions> = {}) =>
      new CallEmulator({ baseUrl: fixture.server.baseUrl, authToken: TEST_TOKEN, ...options }),
    /** Paths the server received, in order. */
    paths: () => fixture.server.received.map((r) => r.path),
  };
  beforeEach(() => fixture.restart());
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return fixture;
}
