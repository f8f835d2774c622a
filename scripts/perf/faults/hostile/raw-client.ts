// A raw HTTP/1.1 client for hostile requests: any header (a bogus Host, a lying Content-Type),
// any body (bytes, chunked, 2 MB), always to 127.0.0.1 (from `localAddress`, e.g. 127.0.0.2 for a
// trusted proxy). fetch would normalise or refuse much of this. It never throws: no answer is
// status 0 with the error.
import http from "node:http";

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent (already percent-encoded). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length). */
  chunked?: boolean;
}

export interface RawResponse {
  /** 0 when no HTTP answer arrived (see `error`). */
  status: number;
  contentType: string;
  body: string;
  ms: number;
  error?: string;
}

const MAX_BODY = 1 << 20;
const TIMEOUT_MS = 15_000; // Twilio's webhook timeout

export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(
    readonly port: number,
    private readonly localAddress?: string,
  ) {}

  send(request: RawRequest): Promise<RawResponse> {
    const started = performance.now();
    const body = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
    const headers = {
      ...request.headers,
      ...(body && !request.chunked ? { "Content-Length": String(body.length) } : {}),
    };
    return new Promise((resolve) => {
      const done = (r: Omit<RawResponse, "ms">) => {
        clearTimeout(timer);
        resolve({ ...r, ms: performance.now() - started }); // later calls are no-ops: a promise settles once
      };
      const failed = (error: Error, status = 0) => done({ status, contentType: "", body: "", error: error.message });
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          localAddress: this.localAddress,
          method: request.method,
          path: request.path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            if (size < MAX_BODY) chunks.push(chunk);
            size += chunk.length;
          });
          res.on("end", () =>
            done({
              status: res.statusCode ?? 0,
              contentType: String(res.headers["content-type"] ?? ""),
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", (error) => failed(new Error(`response: ${error.message}`), res.statusCode ?? 0));
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      req.on("error", (error) => failed(error));
      if (body && request.chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
