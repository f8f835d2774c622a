// The public availability endpoint (issue 15, finding 10): no limit at all, 406 requests a
// second used both cores. Now a rate per address and one for everyone, counted in the process
// (a flood must not cost database work), so PGlite only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

describe("availability limits", () => {
  let s: TestServices;
  let perAddress: TestServer;
  let everyone: TestServer;

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock());
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(2);
    perAddress = await startTestServer(s, {
      TRUST_PROXY: "loopback",
      AVAILABILITY_PER_ADDRESS_PER_MINUTE: "5",
      AVAILABILITY_PER_SECOND: "1000",
    });
    everyone = await startTestServer(s, { AVAILABILITY_PER_ADDRESS_PER_MINUTE: "1000", AVAILABILITY_PER_SECOND: "10" });
  });
  afterAll(async () => {
    await perAddress?.close();
    await everyone?.close();
    await s?.dispose();
  });

  const ask = async (server: TestServer, from?: string, postcode = "33330") => {
    const res = await fetch(`${server.url}/api/availability?postcode=${postcode}`, {
      headers: from ? { "x-forwarded-for": from } : {},
    });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
  };

  it("when one address asks more than its share a minute, then a typed 429 with Retry-After; another address is served", async () => {
    for (let i = 0; i < 5; i++) expect((await ask(perAddress, "198.51.100.1")).status).toBe(200);
    const refused = await ask(perAddress, "198.51.100.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.error).toMatchObject({
      code: "too_many_requests",
      retryAfterSeconds: Number(refused.retryAfter),
    });
    expect(refused.body.error.message).toMatch(
      /^Zu viele Anfragen\. Bitte versuchen Sie es in (\d+ Sekunden?|1 Minute) erneut\.$/,
    );
    expect((await ask(perAddress, "198.51.100.2")).status).toBe(200);
    // Malformed requests count too: they are no way around the limit.
    expect((await ask(perAddress, "198.51.100.1", "abc")).status).toBe(429);
  });

  it("when everyone together asks more than the process serves a second, then the rest get 429 for under a second", async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 60 }, () => ask(everyone)));
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const served = answers.filter((a) => a.status === 200).length;
    expect(served).toBeLessThanOrEqual(10 * (seconds + 1));
    expect(answers.filter((a) => a.status === 429).every((a) => a.retryAfter === "1")).toBe(true);
    expect(served + answers.filter((a) => a.status === 429).length).toBe(60);
  });
});
