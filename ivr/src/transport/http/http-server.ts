// The HTTP server every process listens with (main.ts, and the tests through the same function).
import { createServer, type RequestListener, type Server } from "node:http";

/**
 * `requestTimeoutSeconds`: the longest a client may take to send a whole request, headers and
 * body. Twilio sends a webhook at once and waits 15 s for the answer; a client that trickles a
 * body is holding a connection and a parser open for nothing.
 */
export function createHttpServer(handle: RequestListener, requestTimeoutSeconds: number): Server {
  const requestTimeout = requestTimeoutSeconds * 1000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      // Node compares requests with these timeouts only on this interval (default 30 s), and
      // only with the values given here: set on the server afterwards, as main.ts did, a body
      // sent a byte a second was closed after 69-90 s instead of 10 s.
      connectionsCheckingInterval: 1000,
    },
    handle,
  );
  // Longer than a load balancer's idle timeout (60 s on the common ones), so the balancer, not
  // this server, closes an idle kept-alive connection and never sends on one being closed.
  server.keepAliveTimeout = 65_000;
  return server;
}
