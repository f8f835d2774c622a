// A fetch stand-in with a route table ("POST /api/holds" → reply). Replies may be a list
// (used in order, the last one repeating), a function of the request, or "network-error".
import { vi } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  pathname: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type Reply = { status?: number; body?: unknown } | "network-error" | ((request: RecordedRequest) => Reply);
export type Routes = Record<string, Reply | Reply[]>;

export interface MockApi {
  requests: RecordedRequest[];
  /** Requests to "METHOD /pathname" (query ignored). */
  to(route: string): RecordedRequest[];
  set(route: string, reply: Reply | Reply[]): void;
}

export const error = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

export function mockApi(initial: Routes): MockApi {
  const routes = new Map(Object.entries(initial));
  const used = new Map<string, number>();
  const requests: RecordedRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = String(input);
    const url = new URL(path, "http://console.test");
    const method = (init.method ?? "GET").toUpperCase();
    const request: RecordedRequest = {
      method,
      path,
      pathname: url.pathname,
      query: url.searchParams,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    };
    requests.push(request);
    const key = routes.has(`${method} ${path}`) ? `${method} ${path}` : `${method} ${url.pathname}`;
    const entry = routes.get(key);
    if (entry === undefined)
      return new Response(JSON.stringify({ error: { code: "not_found", message: `Unerwartete Anfrage ${key}` } }), {
        status: 404,
      });
    let reply: Reply;
    if (Array.isArray(entry)) {
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      reply = entry[Math.min(n, entry.length - 1)]!;
    } else reply = entry;
    while (typeof reply === "function") reply = reply(request);
    if (reply === "network-error") throw new TypeError("Failed to fetch");
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);

  return {
    requests,
    to: (route) => {
      const [method, pathname] = route.split(" ");
      return requests.filter((r) => r.method === method && r.pathname === pathname);
    },
    set: (route, reply) => {
      routes.set(route, reply);
      used.delete(route);
    },
  };
}
