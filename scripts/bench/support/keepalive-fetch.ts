// A minimal `fetch` for the call emulator under load: node:http with a keep-alive agent (much
// less client CPU per request than undici's fetch), the body read before the promise
// resolves, and every exchange timed and handed to the recorder. Only what WebhookClient
// uses is implemented: method, headers, string body; status, headers.get, text().
// A request that fails with ECONNRESET/EPIPE on a *reused* socket is sent once more on a new
// one (Node's documented remedy: the server closed the idle connection as we reused it, so
// the request never reached a handler); such retries are counted, not hidden.
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { LoadRecorder } from "./load-recorder.ts";

const TIMEOUT_MS = 15_000; // Twilio's webhook timeout

interface Exchange {
  status: number;
  contentType: string;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export function keepAliveFetch(recorder: LoadRecorder): typeof fetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: "lifo" });

  const send = (
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string,
    started: number,
  ): Promise<Exchange> =>
    new Promise<Exchange>((resolve, reject) => {
      const req = http.request(
        { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("error", reject);
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers["content-type"] ?? ""),
              headers: res.headers,
              text,
            }),
          );
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
    recorder.request(
      url.pathname,
      performance.now() - started,
      x.status,
      Buffer.byteLength(body),
      Buffer.byteLength(x.text),
    );
    return {
      status: x.status,
      headers: {
        get: (name: string) =>
          name.toLowerCase() === "content-type"
            ? x.contentType
            : ((x.headers[name.toLowerCase()] as string | undefined) ?? null),
      },
      text: async () => x.text,
    } as unknown as Response;
  };
  return impl as typeof fetch;
}
