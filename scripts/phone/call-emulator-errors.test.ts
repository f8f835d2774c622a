import { describe, expect, it } from "vitest";
import { CallEmulator, WebhookError, signTwilioRequest } from "./call-emulator.ts";
import { TEST_TOKEN, twiml, useFakeTwimlServer } from "./fake-twiml-server.ts";

const fake = useFakeTwimlServer();
const emulator = fake.emulator;

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
