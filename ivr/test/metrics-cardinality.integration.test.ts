// /metrics against junk traffic (issue 15, finding 1): 20,000 requests to junk paths once grew
// it from 82 KB to 84.6 MB, because the route label was taken from the path and unsigned voice
// requests were counted before their signature was checked. Metrics live in the process, not
// the database, so this runs on PGlite only.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_PATTERNS, routeLabel } from "../src/transport/http/route-labels.ts";
import { FakeClock } from "./support/clock.ts";
import { postWebhook } from "./support/phone.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const TOKEN = "metrics-token-1234";

describe("the metrics' labels", () => {
  let s: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock());
    server = await startTestServer(s, { METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  const scrape = async () => {
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    return { bytes: text.length, text, routes: new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!)) };
  };

  /** `total` requests made by `make`, `parallel` at a time. */
  const flood = async (total: number, parallel: number, make: (i: number) => Promise<Response>) => {
    for (let i = 0; i < total; i += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, total - i) }, (_, j) => make(i + j).then((r) => r.text())),
      );
    }
  };

  it("when the app registers a route, then the metrics have a label for exactly that route", () => {
    const registered: string[] = [];
    const walk = (stack: { route?: { path: unknown }; handle?: { stack?: unknown[] } }[]) => {
      for (const layer of stack) {
        if (typeof layer.route?.path === "string") registered.push(layer.route.path);
        if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
      }
    };
    walk((server.hotline.app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
    expect(registered.length).toBeGreaterThan(25);
    const unlabelled = registered.filter((path) => routeLabel(path.replace(/:\w+/g, "x"), "GET") !== path);
    expect(unlabelled).toEqual([]);
    expect(routeLabel("/api/bookings/7KQM-P2XD-9HTA/cancel", "POST")).toBe("/api/bookings/:code/cancel");
    expect(routeLabel("/voice/step/postcode/", "POST")).toBe("/voice/step/:step");
    expect(routeLabel("/assets/index-3f9a.js", "GET")).toBe("static");
    expect(routeLabel("/api/bookings//cancel", "POST")).toBe("other");
    expect(ROUTE_PATTERNS.filter((p) => p.startsWith("/voice/")).length).toBeGreaterThan(10);
  });

  it("when 2,000 junk requests arrive (GET /api/x…, unsigned POST /voice/x…), then /metrics gains no label and stays small", async () => {
    // One real webhook first, so the voice labels that exist are there before the flood.
    await postWebhook(server, "/voice/status", { CallSid: `CA${"e".repeat(32)}`, CallStatus: "completed" });
    await scrape(); // and the scrape's own label
    const before = await scrape();
    const junk = () => `x${randomBytes(6).toString("hex")}`;
    await flood(1000, 25, () => fetch(`${server.url}/api/${junk()}`));
    await flood(1000, 25, () =>
      fetch(`${server.url}/voice/${junk()}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "CallSid=CA1",
      }),
    );
    const after = await scrape();

    const added = [...after.routes].filter((r) => !before.routes.has(r));
    expect(added.filter((r) => r !== "other")).toEqual([]);
    expect(after.routes.size).toBeLessThanOrEqual(before.routes.size + 1);
    // Two new series (404 for GET, 403 for POST) of 14 lines each: about 4 KB, not megabytes.
    expect(after.bytes - before.bytes).toBeLessThan(8_000);
    // The unsigned posts are counted, but as "other": not as voice webhooks, not on the wallboard.
    expect(after.text).toMatch(
      /hotline_http_request_duration_seconds_count\{route="other",method="POST",status="403"\} 1000/,
    );
    expect(after.text).toMatch(
      /hotline_http_request_duration_seconds_count\{route="other",method="GET",status="404"\} 1000/,
    );
    const board = await server.hotline.wallboard.snapshot();
    expect(board.webhooks.requests).toBe(1);
  });
});
