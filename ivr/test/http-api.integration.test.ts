import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

describe.each(DB_KINDS)("the public HTTP API on %s", (kind) => {
  let s: TestServices;
  let http: TestServer;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock());
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4);
    http = await startTestServer(s);
  });
  afterAll(async () => {
    await http?.close();
    await s?.dispose();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(http.url + path, { headers });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("when the database is up, then /healthz answers 200 with its status", async () => {
    expect(await get("/healthz")).toEqual({ status: 200, body: { status: "ok", database: { kind, up: true } } });
  });

  it("when asked for 33330, then Gütersloh's centre with its true free pairs and the earliest pair, in German", async () => {
    const { status, body } = await get("/api/availability?postcode=33330");
    expect(status).toBe(200);
    expect(body.areas).toHaveLength(1);
    expect(body.areas[0]).toMatchObject({
      district: { name: "Kreis Gütersloh", state: "Nordrhein-Westfalen", region: "westfalen-lippe" },
      centre: { name: "Impfzentrum Gütersloh" },
      freePairs: 4,
      full: false,
      places: ["Gütersloh"],
    });
    expect(body.areas[0].earliest.firstDose.text).toBe("Dienstag, 26. Januar 2021, 10:00 Uhr");
    expect(body.areas[0].earliest.secondDose.text).toBe("Dienstag, 16. Februar 2021, 10:00 Uhr");
    expect(JSON.stringify(body)).not.toMatch(/phone|birth|name":"Erika/);
  });

  it("when the postcode is malformed, then 400 with a typed code and a German message", async () => {
    for (const bad of ["3333", "abcde", "", "333301"]) {
      const { status, body } = await get(`/api/availability?postcode=${bad}`);
      expect(status).toBe(400);
      expect(body.error.code).toBe("postcode_invalid");
      expect(body.error.message).toMatch(/fünfstellige Postleitzahl/);
    }
    expect((await get("/api/availability")).body.error.code).toBe("postcode_invalid");
  });

  it("when the postcode is in Bavaria, then outside_service_area names the state", async () => {
    const { status, body } = await get("/api/availability?postcode=80331");
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "outside_service_area", states: ["Bayern"] });
    expect(body.error.message).toContain("Bayern");
  });

  it("when the postcode does not exist, then 404 postcode_unknown; English on request", async () => {
    const { status, body } = await get("/api/availability?postcode=00000", { "accept-language": "en-GB" });
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "postcode_unknown", message: "We do not know this postcode. Please check it." });
  });

  it("when an API route does not exist, then a typed 404 instead of an HTML page", async () => {
    expect(await get("/api/nope")).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "Diese Seite gibt es nicht." } },
    });
  });

  it("when the database is gone, then /healthz answers 503 and the API a typed error, never a stack trace", async () => {
    const other = await createTestServices(kind, new FakeClock());
    const server = await startTestServer(other);
    try {
      await other.db.close();
      const health = await fetch(server.url + "/healthz");
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", database: { kind, up: false } });
      const res = await fetch(server.url + "/api/availability?postcode=33330");
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe("database_unavailable");
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Error:|prisma/i);
    } finally {
      await server.close();
      await other.dispose().catch(() => undefined);
    }
  });
});
