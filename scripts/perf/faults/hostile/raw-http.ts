// A raw HTTP/1.1 request to 127.0.0.1 with any header (a bogus Host, a lying Content-Type) and any
// body, which fetch would normalise or refuse. It never throws: no answer is status 0 and the error.
import http from "node:http";

export interface RawRequest {
  method?: string;
  path: string; // sent as is: already percent-encoded
  headers: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
}
export type RawResponse = Awaited<ReturnType<typeof send>>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** From `localAddress` if given (127.0.0.2 stands for the trusted proxy in probes.ts). */
export function send(port: number, req: RawRequest, localAddress?: string) {
  const started = performance.now();
  const { method = "POST", path, headers, body } = req;
  return new Promise<{ status: number; contentType: string; body: string; ms: number; error?: string }>((resolve) => {
    const done = (status: number, contentType = "", text = "", error?: string) => {
      clearTimeout(timer);
      resolve({ status, contentType, body: text, ms: performance.now() - started, error });
    };
    const request = http.request({ host: "127.0.0.1", port, localAddress, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => done(res.statusCode ?? 0, res.headers["content-type"], Buffer.concat(chunks).toString()));
      res.on("error", (error) => done(res.statusCode ?? 0, "", "", error.message));
    });
    const timer = setTimeout(() => request.destroy(new Error("no answer within 15 s")), 15_000); // Twilio's limit
    request.on("error", (error) => done(0, "", "", error.message));
    // end(body) sends a Content-Length; a write before it switches to chunked.
    if (body !== undefined && req.chunked) request.write(body);
    request.end(req.chunked ? undefined : body);
  });
}

/** Drops the kept-alive connections, so that the server can shut down at once. */
export const closeConnections = () => agent.destroy();
