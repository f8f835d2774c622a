// A tiny stand-in for our IVR, for the emulator's own tests: routes answer
// canned TwiML, and every request is checked with twilio's validateRequest
// exactly as the real server does (403 when the signature is wrong).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

export interface ReceivedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  signatureValid: boolean;
}

export type RouteAnswer = string | { status?: number; contentType?: string; body: string };
export type Route = (params: Record<string, string>, request: ReceivedRequest) => RouteAnswer;

export interface FakeTwimlServer {
  baseUrl: string;
  received: ReceivedRequest[];
  /** Adds or replaces a route; the key is "/path" (any method). */
  route(path: string, handler: Route | RouteAnswer): void;
  close(): Promise<void>;
}

/** Wraps verbs in a TwiML document. */
export function twiml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

export async function startFakeTwimlServer(options: {
  authToken: string;
  publicBaseUrl?: string;
}): Promise<FakeTwimlServer> {
  const routes = new Map<string, Route>();
  // Twilio ignores the body of a status callback; an empty 204 is what most servers send.
  routes.set("/voice/status", () => ({ status: 204, contentType: "text/plain", body: "" }));
  const received: ReceivedRequest[] = [];
  let baseUrl = "";

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? "/", "http://fake");
      const isPost = req.method === "POST";
      const params = Object.fromEntries(new URLSearchParams(isPost ? body : url.search));
      const publicUrl = (options.publicBaseUrl ?? baseUrl) + (req.url ?? "/");
      const signature = req.headers["x-twilio-signature"];
      const signatureValid =
        typeof signature === "string" &&
        twilio.validateRequest(options.authToken, signature, publicUrl, isPost ? params : {});
      const request: ReceivedRequest = { method: req.method ?? "", path: url.pathname, params, signatureValid };
      received.push(request);
      const route = routes.get(url.pathname);
      let answer: RouteAnswer;
      if (!signatureValid) answer = { status: 403, contentType: "text/plain", body: "Twilio signature invalid" };
      else if (route === undefined)
        answer = { status: 404, contentType: "text/plain", body: `no route ${url.pathname}` };
      else {
        try {
          answer = route(params, request);
        } catch (error) {
          answer = { status: 500, contentType: "text/plain", body: String(error) };
        }
      }
      const {
        status = 200,
        contentType = "text/xml",
        body: text,
      } = typeof answer === "string" ? { body: answer } : answer;
      res.writeHead(status, { "Content-Type": contentType });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    received,
    route(path, handler) {
      routes.set(path, typeof handler === "function" ? handler : () => handler);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
