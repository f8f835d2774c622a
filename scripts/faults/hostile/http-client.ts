// A raw HTTP/1.1 client for hostile requests: any header (a bogus Host, a lying
// Content-Type), any body (bytes, chunked, 2 MB), always to 127.0.0.1. fetch would
// normalise or refuse much of this.
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

export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(
    readonly port: number,
    private readonly timeoutMs = 15_000,
  ) {}

  send(request: RawRequest): Promise<RawResponse> {
    const started = performance.now();
    const body =
      request.body === undefined
        ? undefined
        : Buffer.isBuffer(request.body)
          ? request.body
          : Buffer.from(request.body, "utf8");
    const headers: Record<string, string> = { ...request.headers };
    if (body && !request.chunked) headers["Content-Length"] = String(body.length);
    return new Promise((resolve) => {
      let settled = false;
      const done = (r: Omit<RawResponse, "ms">) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, ms: performance.now() - started });
      };
      const req = http.request(
        { host: "127.0.0.1", port: this.port, method: request.method, path: request.path, headers, agent: this.agent },
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
          res.on("error", (err) =>
            done({ status: res.statusCode ?? 0, contentType: "", body: "", error: `response: ${err.message}` }),
          );
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      req.on("error", (err) => done({ status: 0, contentType: "", body: "", error: err.message }));
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
