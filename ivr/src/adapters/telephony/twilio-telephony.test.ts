// What the real adapter asks Twilio for when the dialler places an automated call: asynchronous
// answering-machine detection, so the call talks as soon as it is answered and the result comes
// to its own callback; without a callback URL, detection blocks the answer as before.
import { describe, expect, it } from "vitest";
import { TwilioTelephony } from "./twilio-telephony.ts";

function withRecordedCreate() {
  const telephony = new TwilioTelephony("AC00000000000000000000000000000000", "token-0123456789", "+4930123456");
  const created: Record<string, unknown>[] = [];
  // The REST client is the adapter's own; only its calls.create is replaced here.
  (telephony as unknown as { client: unknown }).client = {
    calls: { create: async (params: Record<string, unknown>) => (created.push(params), { sid: "CA1" }) },
  };
  return { telephony, created };
}

describe("the Twilio adapter placing an automated call", () => {
  it("when the call has an AMD callback, then detection runs asynchronously and reports there", async () => {
    const { telephony, created } = withRecordedCreate();
    await telephony.placeCall({
      to: "+4915112345678",
      answerUrl: "https://hotline.example/voice/outbound/answer?task=1",
      statusCallbackUrl: "https://hotline.example/voice/outbound/status",
      machineDetection: "DetectMessageEnd",
      asyncAmdStatusCallbackUrl: "https://hotline.example/voice/outbound/amd",
    });
    expect(created[0]).toMatchObject({
      to: "+4915112345678",
      from: "+4930123456",
      url: "https://hotline.example/voice/outbound/answer?task=1",
      machineDetection: "DetectMessageEnd",
      asyncAmd: "true",
      asyncAmdStatusCallback: "https://hotline.example/voice/outbound/amd",
      asyncAmdStatusCallbackMethod: "POST",
    });
  });

  it("when the call has no AMD callback, then detection is synchronous (no asyncAmd)", async () => {
    const { telephony, created } = withRecordedCreate();
    await telephony.placeCall({
      to: "+4915112345678",
      answerUrl: "https://hotline.example/a",
      statusCallbackUrl: "https://hotline.example/s",
      machineDetection: "DetectMessageEnd",
    });
    expect(created[0]).toMatchObject({ machineDetection: "DetectMessageEnd" });
    expect(created[0]).not.toHaveProperty("asyncAmd");
  });
});
