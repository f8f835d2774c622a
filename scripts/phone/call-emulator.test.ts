import { describe, expect, it } from "vitest";
import { ScriptedCaller } from "./call-emulator.ts";
import { twiml, useFakeTwimlServer } from "./fake-twiml-server.ts";

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
