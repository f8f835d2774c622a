import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  answerAfterBody,
  FORM_FIELD_LIMIT,
  FORM_LIMIT_BYTES,
  FormError,
  formHeaderProblem,
  parseForm,
  readForm,
} from "./twilio-form.ts";

const request = (headers: Record<string, string>, body = ""): IncomingMessage =>
  Object.assign(Readable.from([Buffer.from(body)]), { headers }) as unknown as IncomingMessage;

describe("reading Twilio's form posts", () => {
  it("when Twilio posts a webhook, then every field arrives decoded, + as a space, umlauts intact", async () => {
    const body = "CallSid=CA123&SpeechResult=drei+drei+dreißig&Digits=%2A1&From=%2B4952411234";
    const form = await readForm(request({ "content-type": "application/x-www-form-urlencoded; charset=UTF-8" }, body));
    expect({ ...form }).toEqual({
      CallSid: "CA123",
      SpeechResult: "drei drei dreißig",
      Digits: "*1",
      From: "+4952411234",
    });
  });

  it("when a field repeats, then all its values are kept in order", () => {
    expect({ ...parseForm("a=1&b=2&a=3&a=4") }).toEqual({ a: ["1", "3", "4"], b: "2" });
  });

  it("when a field is named __proto__, then it is just a field", () => {
    const form = parseForm("__proto__=x&constructor=y");
    expect(form.__proto__).toBe("x");
    expect(Object.getPrototypeOf(form)).toBeNull();
  });

  it("when the post is not a UTF-8 form, then 415 before the body is read", () => {
    const status = (headers: Record<string, string>) => formHeaderProblem(request(headers))?.status ?? 200;
    expect(status({ "content-type": "application/json" })).toBe(415);
    expect(status({ "content-type": "multipart/form-data; boundary=x" })).toBe(415);
    expect(status({ "content-type": "application/x-www-form-urlencoded; charset=koi8-r" })).toBe(415);
    expect(status({ "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" })).toBe(415);
    expect(
      status({ "content-type": "application/x-www-form-urlencoded", "content-length": String(FORM_LIMIT_BYTES + 1) }),
    ).toBe(413);
    expect(status({ "content-type": 'Application/X-WWW-Form-Urlencoded; Charset="utf-8"' })).toBe(200);
  });

  it("when the body is larger than 32 kB or has more than 100 fields, then 413", async () => {
    const big = `SpeechResult=${"a".repeat(FORM_LIMIT_BYTES)}`;
    await expect(readForm(request({ "content-type": "application/x-www-form-urlencoded" }, big))).rejects.toMatchObject(
      { status: 413 },
    );
    const many = Array.from({ length: FORM_FIELD_LIMIT + 1 }, (_, i) => `f${i}=1`).join("&");
    expect(() => parseForm(many)).toThrow(FormError);
    expect(Object.keys(parseForm(many.split("&").slice(0, FORM_FIELD_LIMIT).join("&")))).toHaveLength(FORM_FIELD_LIMIT);
  });

  it("when a post is refused before its body was read, then the answer waits until the client has sent it all", async () => {
    const chunks = Array.from({ length: 50 }, () => Buffer.alloc(10_000, 97));
    let sent = 0;
    const body = Readable.from(
      (function* () {
        for (const c of chunks) {
          sent++;
          yield c;
        }
      })(),
    );
    const req = Object.assign(body, { headers: {}, complete: false }) as unknown as IncomingMessage;
    await new Promise<void>((resolve) => answerAfterBody(req, resolve));
    expect(sent).toBe(50);
  });
});
