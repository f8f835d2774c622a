import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Registry } from "prom-client";
import { pino } from "pino";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpMetrics, WebhookWindow } from "../http/request-metrics.ts";
import { voiceEndpoint, type VoiceHandler } from "./voice-endpoint.ts";

const TOKEN = "endpoint-test-token";
const LAST_RESORT =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">/voice/fallback</Redirect></Response>';

describe("voice endpoint", () => {
  let server: Server;
  let base: string;
  const seen: { path: string; query: string; body: Record<string, unknown>; signature: string }[] = [];
  const window = new WebhookWindow();

  beforeAll(async () => {
    const routes: Record<string, VoiceHandler> = {
      "/voice/echo": (req, reply) => {
        seen.push({ path: req.path, query: req.query.toString(), body: { ...req.body }, signature: req.signature });
        reply.twiml("<Response/>");
      },
      "/voice/throws": () => {
        throw new Error("boom");
      },
      "/voice/rejects": async () => {
        throw new Error("later boom");
      },
      "/voice/quiet": (_req, reply) => reply.noContent(),
      "/voice/broken": (_req, reply) => reply.badRequest("no such thing"),
    };
    const voice = voiceEndpoint(
      {
        authToken: TOKEN,
        publicBaseUrl: undefined,
        routes: [(path) => routes[path]],
        metrics: new HttpMetrics(new Registry(), window),
        logger: pino({ level: "silent" }),
        lastResort: () => LAST_RESORT,
      },
      (_req, res) => res.writeHead(404).end("not here"),
    );
    server = createServer((req, res) => {
      if (!voice(req, res)) res.writeHead(418).end("express");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (
    path: string,
    form: Record<string, string>,
    options: { signedUrl?: string; headers?: Record<string, string> } = {},
  ) => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, options.signedUrl ?? base + path, form);
    return fetch(base + path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signature,
        ...options.headers,
      },
      body: new URLSearchParams(form).toString(),
    });
  };

  it("when a webhook is signed, then its route gets path, query, form and signature, and answers TwiML", async () => {
    const res = await post("/voice/echo?request=7", { CallSid: "CA1", Digits: "3#" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    expect(await res.text()).toBe("<Response/>");
    expect(seen.at(-1)).toMatchObject({
      path: "/voice/echo",
      query: "request=7",
      body: { CallSid: "CA1", Digits: "3#" },
    });
    expect(seen.at(-1)!.signature).toMatch(/=$/);
  });

  it("when the signature is wrong or missing, then 403 and the route never runs", async () => {
    const before = seen.length;
    const wrong = await post("/voice/echo", { CallSid: "CA1" }, { signedUrl: `${base}/voice/other` });
    const missing = await fetch(`${base}/voice/echo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "CallSid=CA1",
    });
    expect([wrong.status, missing.status]).toEqual([403, 403]);
    expect(await wrong.text()).toContain("invalid Twilio signature");
    expect(seen.length).toBe(before);
  });

  it("when a proxy says the call came over https, then the https URL is the one checked", async () => {
    const res = await post(
      "/voice/echo",
      { CallSid: "CA2" },
      { signedUrl: `https://${base.slice(7)}/voice/echo`, headers: { "x-forwarded-proto": "https, http" } },
    );
    expect(res.status).toBe(200);
  });

  it("when the body is not a UTF-8 form post, then 415, and a huge one 413, after the body was read", async () => {
    const json = await fetch(`${base}/voice/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const latin = await fetch(`${base}/voice/echo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=latin1" },
      body: "a=1",
    });
    const huge = await fetch(`${base}/voice/echo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=" + "x".repeat(40_000),
    });
    expect([json.status, latin.status, huge.status]).toEqual([415, 415, 413]);
  });

  it("when a route fails, thrown or rejected, then the caller still gets valid TwiML with a way on, never a 5xx", async () => {
    for (const path of ["/voice/throws", "/voice/rejects"]) {
      const res = await post(path, { CallSid: "CA3" });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(LAST_RESORT);
    }
    expect(window.summary().errorRate).toBeGreaterThan(0);
  });

  it("when a signed path has no route, then it is passed on; anything but a /voice POST is not taken at all", async () => {
    const unknown = await post("/voice/nothing", { CallSid: "CA4" });
    expect(unknown.status).toBe(404);
    const unsignedUnknown = await fetch(`${base}/voice/nothing`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(unsignedUnknown.status).toBe(403);
    expect((await fetch(`${base}/voice/echo`)).status).toBe(418);
    expect((await fetch(`${base}/voices/echo`, { method: "POST" })).status).toBe(418);
  });

  it("when Twilio adds a trailing slash or posts an empty status callback, then the route still answers", async () => {
    expect((await post("/voice/echo/", { CallSid: "CA5" })).status).toBe(200);
    const quiet = await fetch(`${base}/voice/quiet`, {
      method: "POST",
      headers: { "x-twilio-signature": twilio.getExpectedTwilioSignature(TOKEN, `${base}/voice/quiet`, {}) },
    });
    expect(quiet.status).toBe(204);
  });

  it("when a route refuses a request Twilio would never make, then a plain 400", async () => {
    const res = await post("/voice/broken", { CallSid: "CA6" });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("Bad Request: no such thing");
  });
});
