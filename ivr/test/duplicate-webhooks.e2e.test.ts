// Duplicate webhooks racing (issue 15, finding 10): Twilio, or a proxy in between, may send
// the same request twice at once. Both copies read the same session version and ran the step;
// one saved, the other lost and answered with the winner's TwiML, but the pair it had held
// stayed held for the rest of the call. Each copy took a hold: two pairs for one caller.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { postWebhook } from "./support/phone.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

describe.each(DB_KINDS)("duplicate webhooks on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let centreId: number;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T10:00:00+01:00"));
    centreId = (await givenCentre(s, "Kreis Gütersloh").withFreePairs(12)).id;
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  const holdsOf = (owner: string) => s.db.prisma.hold.count({ where: { owner } });
  const freePairs = async () => (await s.ledger.freePairs(centreId, { limit: 50 })).length;

  /** A call that has given its birth year and is asked for the postcode. */
  const callAtPostcode = async () => {
    const call = { CallSid: `CA${randomBytes(16).toString("hex")}`, From: "+4952411234567" };
    expect((await postWebhook(server, "/voice/incoming", { ...call, CallStatus: "ringing" })).status).toBe(200);
    expect((await postWebhook(server, "/voice/step/birth-year", { ...call, Digits: "1937" })).body).toMatch(
      /Postleitzahl/,
    );
    return call;
  };

  it("when the same postcode webhook arrives several times at once, then one answer for all and one pair held", async () => {
    const call = await callAtPostcode();
    const before = await freePairs();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => postWebhook(server, "/voice/step/postcode", { ...call, Digits: "33330" })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.body).toMatch(/nächste freie Termin/);
    expect(await holdsOf(call.CallSid)).toBe(1);
    expect(await freePairs()).toBe(before - 1);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });

    await postWebhook(server, "/voice/status", { ...call, CallStatus: "completed" });
    expect(await holdsOf(call.CallSid)).toBe(0);
    expect(await freePairs()).toBe(before);
  });

  it("when a duplicate of 'another day' races, then the call still holds one pair, the later one", async () => {
    const call = await callAtPostcode();
    await postWebhook(server, "/voice/step/postcode", { ...call, Digits: "33330" });
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => postWebhook(server, "/voice/step/offer", { ...call, Digits: "2" })),
    );
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await holdsOf(call.CallSid)).toBe(1);
    const session = await s.db.prisma.callSession.findUnique({ where: { callSid: call.CallSid } });
    const held = (session!.state as { held?: { holdId: string } }).held;
    expect((await s.db.prisma.hold.findFirst({ where: { owner: call.CallSid } }))?.id).toBe(held?.holdId);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
