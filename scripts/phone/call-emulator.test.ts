// The call emulator against a fake TwiML server: a tiny stand-in for our IVR whose routes answer
// canned TwiML, and which checks every request with twilio's validateRequest exactly as the real
// server does (403 when the signature is wrong). Each test gets a fresh one.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CallEmulator,
  ScriptedCaller,
  WebhookError,
  signTwilioRequest,
  type CallEmulatorOptions,
} from "./call-emulator.ts";

const TEST_TOKEN = "test-auth-token-123";

type Params = Record<string, string>;
type RouteAnswer = string | { status?: number; contentType?: string; body: string };
type Route = (params: Params) => RouteAnswer;

/** Wraps verbs in a TwiML document. */
function twiml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
}

async function startFakeTwimlServer(publicBaseUrl?: string) {
  // Twilio ignores the body of a status callback; an empty 204 is what most servers send.
  const routes = new Map<string, Route>([["/voice/status", () => ({ status: 204, body: "" })]]);
  const received: { method: string; path: string; params: Params; signatureValid: boolean }[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const params = Object.fromEntries(new URLSearchParams(body));
    const signature = String(req.headers["x-twilio-signature"]);
    const signatureValid = twilio.validateRequest(TEST_TOKEN, signature, (publicBaseUrl ?? baseUrl) + req.url, params);
    received.push({ method: req.method ?? "", path, params, signatureValid });
    const route = routes.get(path);
    let answer: RouteAnswer;
    try {
      if (!signatureValid) answer = { status: 403, body: "Twilio signature invalid" };
      else answer = route ? route(params) : { status: 404, body: `no route ${path}` };
    } catch (error) {
      answer = { status: 500, body: String(error) };
    }
    const {
      status = 200,
      contentType = status === 200 ? "text/xml" : "text/plain",
      body: text,
    } = typeof answer === "string" ? { body: answer } : answer;
    res.writeHead(status, { "Content-Type": contentType }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    /** Adds or replaces a route; the key is "/path". */
    route(path: string, handler: Route | RouteAnswer) {
      routes.set(path, typeof handler === "function" ? handler : () => handler);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A fresh fake server per test (restart() gives it a public base URL), and emulators pointed at it. */
function useFakeTwimlServer() {
  let current: Awaited<ReturnType<typeof startFakeTwimlServer>> | undefined;
  const fixture = {
    get server() {
      if (current === undefined) throw new Error("fake server used outside a test");
      return current;
    },
    async restart(publicBaseUrl?: string) {
      await current?.close();
      current = await startFakeTwimlServer(publicBaseUrl);
    },
    emulator: (options: Partial<CallEmulatorOptions> = {}) =>
      new CallEmulator({ baseUrl: fixture.server.baseUrl, authToken: TEST_TOKEN, ...options }),
    /** Paths the server received, in order. */
    paths: () => fixture.server.received.map((r) => r.path),
  };
  beforeEach(() => fixture.restart());
  afterEach(() => current?.close());
  return fixture;
}

const fake = useFakeTwimlServer();
const emulator = fake.emulator;
const paths = fake.paths;

describe("CallEmulator", () => {
  it("starts the call with Twilio's standard parameters, signed", async () => {
    fake.server.route("/voice/incoming", twiml(`<Say language="de-DE" voice="Polly.Vicki">Hallo</Say><Hangup/>`));
    const call = emulator({ from: "+4930123456" });
    expect(await call.run()).toBe("completed");
    const first = fake.server.received[0];
    expect(first?.signatureValid).toBe(true);
    expect(first?.params).toMatchObject({
      From: "+4930123456",
      To: "+49800116117",
      Caller: "+4930123456",
      CallStatus: "ringing",
      Direction: "inbound",
      ApiVersion: "2010-04-01",
      FromCountry: "DE",
      AccountSid: expect.stringMatching(/^AC[0-9a-f]{32}$/),
    });
    expect(first?.params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.events.find((e) => e.type === "say")).toMatchObject({
      text: "Hallo",
      language: "de-DE",
      voice: "Polly.Vicki",
    });
  });

  it("reports a 403 from signature validation with a wrong token", async () => {
    fake.server.route("/voice/incoming", twiml(`<Say>Hallo</Say>`));
    const call = emulator({ authToken: "wrong-token-xyz" });
    await expect(call.run()).rejects.toThrow(/answered HTTP 403: Twilio signature invalid/);
    expect(call.state).toBe("failed");
    expect(call.httpStatuses).toEqual([403]);
  });

  it("signs against the public URL when one is set", async () => {
    await fake.restart("https://hotline.example.de");
    fake.server.route("/voice/incoming", twiml(`<Redirect>https://hotline.example.de/voice/next</Redirect>`));
    fake.server.route("/voice/next", twiml(`<Hangup/>`));
    const call = emulator({ publicBaseUrl: "https://hotline.example.de" });
    await call.run();
    expect(fake.server.received.every((r) => r.signatureValid)).toBe(true);
    expect(call.requests.map((r) => r.url)).toEqual([
      "https://hotline.example.de/voice/incoming",
      "https://hotline.example.de/voice/next",
      "https://hotline.example.de/voice/status",
    ]);
  });

  it("follows Say, Gather with digits, Redirect and Hangup, then posts the status callback", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(
        `<Say>Willkommen.</Say><Gather action="/voice/menu" numDigits="1"><Say>Drücken Sie 1.</Say></Gather><Say>Keine Eingabe.</Say>`,
      ),
    );
    fake.server.route("/voice/menu", (p) =>
      twiml(`<Say>Sie wählten ${p.Digits}.</Say><Redirect method="POST">bye</Redirect>`),
    );
    fake.server.route("/voice/bye", twiml(`<Say>Tschüss.</Say><Hangup/><Say>never</Say>`));
    const caller = new ScriptedCaller([{ expect: /Willkommen\. Drücken Sie 1/ }, "12"]);
    const call = emulator();
    expect(await call.run(caller)).toBe("completed");
    expect(call.spokenText()).toBe("Willkommen.\nDrücken Sie 1.\nSie wählten 1.\nTschüss.");
    expect(paths()).toEqual(["/voice/incoming", "/voice/menu", "/voice/bye", "/voice/status"]);
    const menu = fake.server.received[1]?.params;
    expect(menu).toMatchObject({ Digits: "1", CallStatus: "in-progress" });
    const status = fake.server.received[3]?.params;
    expect(status).toMatchObject({ CallStatus: "completed", CallSid: menu?.CallSid });
    expect(Number(status?.CallDuration)).toBeGreaterThan(0);
    expect(call.events.at(-2)).toMatchObject({ type: "hangup", by: "twiml" });
  });

  it("strips the finishOnKey and posts speech results", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Gather action="/voice/year" input="dtmf speech" language="de-DE"><Say>Geburtsjahr?</Say></Gather>`),
    );
    fake.server.route("/voice/year", twiml(`<Gather action="/voice/name" input="speech"><Say>Name?</Say></Gather>`));
    fake.server.route("/voice/name", twiml(`<Hangup/>`));
    await emulator().run(new ScriptedCaller(["1938#", { speech: "Erika Mustermann", confidence: 0.5 }]));
    expect(fake.server.received[1]?.params).toMatchObject({ Digits: "1938", FinishedOnKey: "#" });
    expect(fake.server.received[2]?.params).toMatchObject({
      SpeechResult: "Erika Mustermann",
      Confidence: "0.50000000",
    });
  });

  it("on silence continues after the Gather, or posts empty Digits with actionOnEmptyResult", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(
        `<Gather action="/voice/a"><Say>Eins</Say></Gather><Say>Nichts gehört.</Say>` +
          `<Gather action="/voice/b" actionOnEmptyResult="true"><Say>Zwei</Say></Gather>`,
      ),
    );
    fake.server.route("/voice/b", twiml(`<Say>Leer: [<![CDATA[x]]>]</Say>`));
    const call = emulator();
    await call.run(new ScriptedCaller(["silence", "silence"]));
    expect(paths()).toEqual(["/voice/incoming", "/voice/b", "/voice/status"]);
    expect(fake.server.received[1]?.params.Digits).toBe("");
    expect(call.spokenText()).toContain("Nichts gehört.");
    // Ending without a verb left: Twilio hangs up.
    expect(call.events.find((e) => e.type === "hangup")).toMatchObject({ by: "end-of-twiml" });
  });

  it("caller hangup mid-Gather sends only the status callback", async () => {
    fake.server.route("/voice/incoming", twiml(`<Gather action="/voice/a"><Say>Eins</Say></Gather>`));
    const call = emulator();
    await call.run(async () => ({ hangup: true }));
    expect(paths()).toEqual(["/voice/incoming", "/voice/status"]);
    expect(call.events.find((e) => e.type === "hangup")).toMatchObject({ by: "caller", callStatus: "completed" });
  });

  it("records: posts the recording, or continues after an empty one", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Record action="/voice/saved" maxLength="30"/><Say>Keine Aufnahme.</Say><Record action="/voice/saved"/>`),
    );
    fake.server.route("/voice/saved", twiml(`<Say>Danke.</Say><Hangup/>`));
    const call = emulator({ accountSid: "AC" + "1".repeat(32) });
    await call.run(new ScriptedCaller(["silence", "r:12#"]));
    expect(paths()).toEqual(["/voice/incoming", "/voice/saved", "/voice/status"]);
    const saved = fake.server.received[1]?.params;
    expect(saved?.RecordingUrl).toMatch(
      new RegExp(`^https://api.twilio.com/2010-04-01/Accounts/AC1{32}/Recordings/RE[0-9a-f]{32}$`),
    );
    expect(saved).toMatchObject({
      RecordingDuration: "12",
      Digits: "#",
      RecordingSid: saved?.RecordingUrl?.split("/").at(-1),
    });
    expect(call.spokenText()).toBe("Keine Aufnahme.\nDanke.");
  });

  it("resolves relative URLs against the requesting document", async () => {
    fake.server.route("/voice/incoming", twiml(`<Redirect>flow/start?lang=de</Redirect>`));
    fake.server.route("/voice/flow/start", twiml(`<Gather action="../menu" method="POST"><Say>x</Say></Gather>`));
    fake.server.route("/voice/menu", twiml(`<Hangup/>`));
    const call = emulator();
    await call.run(new ScriptedCaller(["5"]));
    expect(call.requests.map((r) => r.url)).toEqual([
      `${fake.server.baseUrl}/voice/incoming`,
      `${fake.server.baseUrl}/voice/flow/start?lang=de`,
      `${fake.server.baseUrl}/voice/menu`,
      `${fake.server.baseUrl}/voice/status`,
    ]);
    expect(fake.server.received[2]).toMatchObject({ method: "POST", params: { Digits: "5" }, signatureValid: true });
  });

  it("surfaces a ScriptedCaller expectation mismatch with the prompt", async () => {
    fake.server.route("/voice/incoming", twiml(`<Gather><Say>Bitte Ihre Postleitzahl.</Say></Gather>`));
    await expect(emulator().run(new ScriptedCaller([{ expect: /Geburtsjahr/, answer: "1938" }]))).rejects.toThrow(
      /expected the prompt to match \/Geburtsjahr\/, but the caller heard:\n {2}"Bitte Ihre Postleitzahl\."/,
    );
  });

  it("records Play and Dial without dialling anyone, and goes on after the Dial", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(
        `<Play>https://example.com/ring.mp3</Play><Dial answerOnBridge="true"><Client>agent-7</Client></Dial>` +
          `<Dial><Conference beep="false" waitUrl="/voice/hold">CA1</Conference></Dial><Say>Danach.</Say>`,
      ),
    );
    const call = emulator();
    expect(await call.run()).toBe("completed");
    expect(call.spokenText()).toBe("Danach.");
    expect(call.events.filter((e) => e.type === "dial" || e.type === "play")).toMatchObject([
      { type: "play", url: "https://example.com/ring.mp3" },
      { type: "dial", targets: [{ kind: "Client", value: "agent-7" }] },
      { type: "dial", targets: [{ kind: "Conference", value: "CA1" }] },
    ]);
  });

  it("a caller hanging up after speaking into <Record> still posts the recording, then the status", async () => {
    fake.server.route("/voice/incoming", twiml(`<Say>Nachricht nach dem Ton.</Say><Record action="/voice/saved"/>`));
    fake.server.route("/voice/saved", twiml(`<Say>ignored</Say>`));
    const call = emulator();
    await call.run(
      new ScriptedCaller([{ expect: "Nachricht", answer: { recording: { seconds: 7, endedBy: "hangup" } } }]),
    );
    expect(paths()).toEqual(["/voice/incoming", "/voice/saved", "/voice/status"]);
    expect(fake.server.received[1]?.params).toMatchObject({ Digits: "hangup", RecordingDuration: "7" });
    expect(call.spokenText()).toBe("Nachricht nach dem Ton.");
    expect(call.lastPrompt()).toMatchObject({ kind: "record", text: "Nachricht nach dem Ton." });
  });
});

describe("CallEmulator queues", () => {
  it("plays the Enqueue waitUrl, hands control back as queued, and bridges", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Say>Bitte warten.</Say><Enqueue waitUrl="/voice/wait" action="/voice/after-queue">hotline-de</Enqueue>`),
    );
    fake.server.route("/voice/wait", (p) => twiml(`<Say>Position ${p.QueuePosition}.</Say><Pause length="10"/>`));
    fake.server.route("/voice/after-queue", (p) => twiml(`<Say>Ergebnis ${p.QueueResult}.</Say>`));
    const call = emulator({ maxWaitLoops: 2, queue: { position: 3 } });
    expect(await call.run()).toBe("queued");
    expect(call.events.find((e) => e.type === "enqueue")).toMatchObject({ queue: "hotline-de" });
    const waits = fake.server.received.filter((r) => r.path === "/voice/wait");
    expect(waits).toHaveLength(2);
    expect(waits[0]?.params).toMatchObject({
      QueuePosition: "3",
      CurrentQueueSize: "3",
      QueueTime: "0",
    });
    expect(waits[0]?.params.QueueSid).toMatch(/^QU[0-9a-f]{32}$/);
    expect(Number(waits[1]?.params.QueueTime)).toBeGreaterThanOrEqual(10);
    expect(await call.bridgeToAgent()).toBe("completed");
    expect(fake.server.received.at(-2)?.params).toMatchObject({ QueueResult: "bridged" });
    expect(call.spokenText()).toContain("Ergebnis bridged.");
  });

  it("lets a Gather in the wait loop take the caller out of the queue", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue waitUrl="/voice/wait" action="/voice/after-queue">q</Enqueue>`),
    );
    fake.server.route(
      "/voice/wait",
      twiml(`<Gather action="/voice/wait-choice" numDigits="1"><Say>Für Rückruf die 1.</Say></Gather>`),
    );
    fake.server.route("/voice/wait-choice", (p) => twiml(p.Digits === "1" ? `<Leave/>` : `<Say>Weiter warten.</Say>`));
    fake.server.route("/voice/after-queue", (p) => twiml(`<Say>${p.QueueResult}</Say><Hangup/>`));
    const call = emulator();
    expect(await call.run(new ScriptedCaller(["2", "1"]))).toBe("completed");
    expect(call.spokenText()).toBe("Für Rückruf die 1.\nWeiter warten.\nFür Rückruf die 1.\nleave");
    const prompt = call.lastPrompt();
    expect(prompt?.kind === "gather" && prompt.inQueue).toBe(true);
  });

  it("leaveQueue('hangup') reports the abandoned call to the action and ends", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue action="/voice/after-queue">q</Enqueue><Say>not reached</Say>`),
    );
    fake.server.route("/voice/after-queue", twiml(`<Say>ignored</Say>`));
    const call = emulator();
    expect(await call.run()).toBe("queued");
    expect(await call.leaveQueue("hangup")).toBe("completed");
    expect(paths()).toEqual(["/voice/incoming", "/voice/after-queue", "/voice/status"]);
    expect(call.spokenText()).toBe("");
    await expect(call.leaveQueue()).rejects.toThrow(/not in a queue/);
  });

  it("re-requests the waitUrl and refuses verbs Twilio does not allow there", async () => {
    fake.server.route("/voice/incoming", twiml(`<Enqueue waitUrl="/voice/wait" waitUrlMethod="POST">q</Enqueue>`));
    fake.server.route("/voice/wait", twiml(`<Play>https://example.com/music.mp3</Play>`));
    const call = emulator({ maxWaitLoops: 2 });
    expect(await call.run()).toBe("queued");
    expect(fake.server.received.filter((r) => r.path === "/voice/wait").map((r) => r.method)).toEqual(["POST", "POST"]);
    fake.server.route("/voice/wait", twiml(`<Record/>`));
    await expect(emulator().run()).rejects.toThrow(/<Record> is not allowed in a queue waitUrl document/);
  });

  it("continues after <Enqueue> when it has no action", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue waitUrl="/voice/wait">q</Enqueue><Say>Danke fürs Warten.</Say>`),
    );
    fake.server.route("/voice/wait", twiml(`<Leave/>`));
    const call = emulator();
    expect(await call.run()).toBe("completed");
    expect(call.spokenText()).toBe("Danke fürs Warten.");
    expect(call.events.map((e) => e.type)).toContain("dequeue");
  });
});

describe("CallEmulator errors", () => {
  it("throws on malformed XML, unknown verbs and wrong content types", async () => {
    fake.server.route("/voice/incoming", twiml(`<Say>Hallo</Sag>`));
    await expect(emulator().run()).rejects.toThrow(
      /unparseable TwiML: Malformed TwiML XML at line \d+, column \d+: unexpected close tag/,
    );
    fake.server.route("/voice/incoming", twiml(`<Speak>Hallo</Speak>`));
    await expect(emulator().run()).rejects.toThrow(/invalid TwiML: unknown TwiML verb <Speak>/);
    fake.server.route("/voice/incoming", { contentType: "application/json", body: "{}" });
    await expect(emulator().run()).rejects.toThrow(/Content-Type "application\/json"/);
    fake.server.route("/voice/incoming", `<Reply><Say>x</Say></Reply>`);
    await expect(emulator().run()).rejects.toThrow(/root element is <Reply>/);
  });

  it("stops a redirect loop at the request limit", async () => {
    fake.server.route("/voice/incoming", twiml(`<Redirect>/voice/incoming</Redirect>`));
    const call = emulator({ maxRequests: 10 });
    const error = await call.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookError);
    expect((error as WebhookError).kind).toBe("limit");
    expect(fake.server.received).toHaveLength(10);
  });

  it("reports a URL outside the public base and an unreachable server", async () => {
    fake.server.route("/voice/incoming", twiml(`<Redirect>https://evil.example.com/x</Redirect>`));
    await expect(emulator().run()).rejects.toThrow(/not under the public base URL/);
    const offline = new CallEmulator({ baseUrl: "http://127.0.0.1:1", authToken: TEST_TOKEN });
    await expect(offline.run()).rejects.toMatchObject({ kind: "unreachable" });
  });

  it("names the prompt when a Gather is reached without a caller", async () => {
    fake.server.route("/voice/incoming", twiml(`<Gather><Say>Ihre PLZ?</Say></Gather>`));
    await expect(emulator().run()).rejects.toThrow(
      /reached <Gather> but the emulator has no caller. Prompt: "Ihre PLZ\?"/,
    );
  });

  it("lets tests send raw requests: unsigned is refused, signed with signTwilioRequest passes", async () => {
    fake.server.route("/voice/incoming", twiml(`<Hangup/>`));
    const url = `${fake.server.baseUrl}/voice/incoming`;
    const params = { CallSid: "CA" + "a".repeat(32), From: "+49301" };
    const post = (headers: Record<string, string>): Promise<Response> =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(params).toString(),
      });
    expect((await post({})).status).toBe(403);
    const signature = signTwilioRequest(TEST_TOKEN, url, params);
    expect((await post({ "X-Twilio-Signature": signature })).status).toBe(200);
    expect((await post({ "X-Twilio-Signature": signature })).status).toBe(200); // a repeated webhook is signed the same
  });
});
