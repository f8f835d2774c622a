// A minimal `fetch` for the call emulator under load: node:http with a keep-alive agent (much less
// client CPU than undici's fetch), every exchange timed and handed to the recorder. Only what the
// emulator's WebhookClient uses: method, headers, string body; status, headers.get, text().
// ECONNRESET/EPIPE on a *reused* socket is sent once more (the server closed the idle connection
// as we reused it, so the request never reached a handler); such retries are counted.
import http from "node:http";
import { sleep } from "../harness/command.ts";
import type { LoadRecorder } from "./recorder.ts";

const TIMEOUT_MS = 15_000; // Twilio's webhook timeout

export function keepAliveFetch(recorder: LoadRecorder): typeof fetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: "lifo" });
  const send = (url: URL, method: string, headers: Record<string, string>, body: string, started: number) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = http.request(
        { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("error", reject);
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)),
        Math.max(0, started + TIMEOUT_MS - performance.now()),
      );
      req.on("close", () => clearTimeout(timer));
      req.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (req.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
          recorder.keepAliveRetries++;
          send(url, method, headers, body, started).then(resolve, reject);
        } else reject(error);
      });
      req.end(body);
    });

  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const body = typeof init.body === "string" ? init.body : "";
    const headers = { ...(init.headers as Record<string, string>), "Content-Length": String(Buffer.byteLength(body)) };
    const started = performance.now();
    const x = await send(url, init.method ?? "GET", headers, body, started);
    const ms = performance.now() - started;
    recorder.request(url.pathname, ms, x.status);
    const header = (name: string) => (x.headers[name.toLowerCase()] as string | undefined) ?? null;
    return { status: x.status, headers: { get: header }, text: async () => x.text } as unknown as Response;
  };
  return impl as typeof fetch;
}

/** Twilio's retry: a webhook whose request failed in transport is sent once more, identically. */
export function retryOnce(inner: typeof fetch, stats: { retries: number; retriesFailed: number }): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return await inner(input, init);
    } catch {
      stats.retries++;
      await sleep(250);
      return inner(input, init).catch((error: unknown) => {
        stats.retriesFailed++;
        throw error;
      });
    }
  }) as typeof fetch;
}
