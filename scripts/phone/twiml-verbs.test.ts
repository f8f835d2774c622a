import { describe, expect, it } from "vitest";
import { parseTwiml } from "./twiml-verbs.ts";

const doc = (inner: string): string => `<Response>${inner}</Response>`;

describe("parseTwiml", () => {
  it("fills in Twilio's defaults", () => {
    const [gather, record, enqueue] = parseTwiml(doc(`<Gather/><Record/><Enqueue>q</Enqueue>`));
    expect(gather).toMatchObject({
      verb: "Gather",
      input: ["dtmf"],
      finishOnKey: "#",
      timeout: 5,
      numDigits: undefined,
      actionOnEmptyResult: false,
      action: undefined,
    });
    expect(record).toMatchObject({
      verb: "Record",
      finishOnKey: "1234567890*#",
      maxLength: 3600,
      playBeep: true,
      timeout: 5,
    });
    expect(enqueue).toMatchObject({
      verb: "Enqueue",
      queue: "q",
      waitUrl: undefined,
    });
  });

  it("reads Gather attributes and nested verbs", () => {
    const [gather] = parseTwiml(
      doc(
        `<Gather input="dtmf speech" numDigits="5" finishOnKey="" timeout="8" language="de-DE" hints="ja, nein" actionOnEmptyResult="true" method="post" action="/x">` +
          `<Say language="de-DE">PLZ?</Say><Play>https://x/a.mp3</Play><Pause length="2"/></Gather>`,
      ),
    );
    expect(gather).toMatchObject({
      input: ["dtmf", "speech"],
      numDigits: 5,
      finishOnKey: "",
      timeout: 8,
      language: "de-DE",
      hints: "ja, nein",
      actionOnEmptyResult: true,
      action: "/x",
    });
    expect(gather?.verb === "Gather" && gather.children.map((c) => c.verb)).toEqual(["Say", "Play", "Pause"]);
  });

  it("takes the words out of SSML inside Say", () => {
    const [say] = parseTwiml(
      doc(
        `<Say voice="Polly.Marlene" language="de-DE">Guten Tag.<break time="1s"/><prosody rate="slow">Ihre Nummer</prosody></Say>`,
      ),
    );
    expect(say).toEqual({
      verb: "Say",
      text: "Guten Tag. Ihre Nummer",
      language: "de-DE",
      voice: "Polly.Marlene",
      loop: 1,
      breakSeconds: 1,
    });
  });

  it("keeps the speaking rate and the breaks of SSML inside Say, which speech budgets count", () => {
    const [say] = parseTwiml(
      doc(
        `<Say language="de-DE"><prosody rate="75%">F, 9</prosody><break time="800ms"/>` +
          `<prosody rate="75%">M, 2</prosody><break time="800ms"/></Say>`,
      ),
    );
    expect(say).toMatchObject({ verb: "Say", text: "F, 9 M, 2", rate: 0.75, breakSeconds: 1.6 });
  });

  it("reads Dial targets, Redirect and Leave", () => {
    const verbs = parseTwiml(
      doc(
        `<Dial answerOnBridge="true"><Client>agent</Client><Conference endConferenceOnExit="true">CA1</Conference></Dial>` +
          `<Redirect method="POST">/next</Redirect><Leave/>`,
      ),
    );
    expect(verbs[0]).toMatchObject({
      verb: "Dial",
      targets: [
        { kind: "Client", value: "agent" },
        { kind: "Conference", value: "CA1" },
      ],
    });
    expect(verbs.slice(1)).toMatchObject([{ verb: "Redirect", url: "/next" }, { verb: "Leave" }]);
  });

  it.each([
    ["an unknown verb", `<Speak>x</Speak>`, /unknown TwiML verb <Speak>/],
    ["a verb the hotline never sends", `<Reject/>`, /unknown TwiML verb <Reject>/],
    [
      "an attribute the hotline never sets",
      `<Dial action="/after"><Client>a</Client></Dial>`,
      /unknown attribute 'action'/,
    ],
    ["a Dial noun the hotline never dials", `<Dial><Number>+4930123</Number></Dial>`, /unknown TwiML verb <Number>/],
    ["lower-case verbs", `<say>x</say>`, /unknown TwiML verb <say>/],
    ["a misspelt attribute", `<Gather numdigits="1"/>`, /<Gather> has unknown attribute 'numdigits'/],
    ["a bad number", `<Gather numDigits="two"/>`, /numDigits="two".*integer >= 1/],
    ["a bad method", `<Redirect method="PUT">/x</Redirect>`, /expected POST/],
    ["a GET the hotline never asks for", `<Gather method="GET"/>`, /expected POST/],
    ["a bad input", `<Gather input="voice"/>`, /expected dtmf, speech/],
    ["a two-key finishOnKey", `<Gather finishOnKey="#*"/>`, /one key/],
    ["Gather inside Gather", `<Gather><Gather/></Gather>`, /not allowed inside <Gather>/],
    ["Redirect inside Gather", `<Gather><Redirect>/x</Redirect></Gather>`, /not allowed inside <Gather>/],
    ["a noun at top level", `<Client>agent</Client>`, /not allowed directly inside <Response>/],
    ["text between verbs", `Hallo<Hangup/>`, /unexpected text "Hallo"/],
    ["an empty Say", `<Say> </Say>`, /<Say> has no text/],
    ["markup inside Say", `<Say><b>x</b></Say>`, /<b> is not allowed inside <Say>/],
    ["a bad SSML break", `<Say>x<break time="long"/></Say>`, /expected e.g. 500ms/],
    ["an empty Redirect", `<Redirect/>`, /needs a URL/],
    ["an Enqueue without queue", `<Enqueue/>`, /needs a queue name/],
  ])("rejects %s", (_name, inner, message) => {
    expect(() => parseTwiml(doc(inner))).toThrow(message);
  });

  it("requires <Response> as root", () => {
    expect(() => parseTwiml(`<response/>`)).toThrow(/root element is <response>, expected <Response>/);
  });
});
