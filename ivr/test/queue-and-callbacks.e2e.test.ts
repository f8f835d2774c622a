// The agent queue and callbacks through whole emulated calls: nobody hears a busy tone,
// everybody waits with an honest estimate or leaves a callback that is kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { placeCall, postWebhook } from "./support/phone.ts";
import { givenAgents, givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const TO_AGENT = [
  "silence",
  { expect: /drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1936" },
  { expect: /Postleitzahl/, answer: "33330" },
];

describe.each(DB_KINDS)("queue and callbacks on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock, {
      QUEUE_CAPACITY: "3",
      OFFER_CALLBACK_ABOVE_MINUTES: "20",
      DEFAULT_HANDLE_SECONDS: "300",
    });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(5);
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(async () => {
    clock.set("2021-01-25T09:00:00+01:00");
    for (const table of ["queued_call", "callback_attempt", "callback_request", "agent"])
      await s.db.prisma.$executeRawUnsafe(`DELETE FROM ${table}`);
  });

  it("when a caller presses 0 with agents free, then they wait in the queue with their context, position and an honest estimate", async () => {
    await givenAgents(s, 2);
    const call = await placeCall(server, [
      ...TO_AGENT,
      { expect: /nächste freie Termin/, answer: "0" },
      {
        expect:
          /Ich verbinde Sie.*Sie sind als Nächstes an der Reihe\. Die Wartezeit beträgt höchstens etwa 5 Minuten\..*drücken Sie die 1/,
        answer: "silence",
      },
      { expect: /als Nächstes an der Reihe/, answer: "silence" },
      { expect: /als Nächstes an der Reihe/, answer: "silence" },
    ]);
    expect(call.emulator.state).toBe("queued");
    const queued = await s.queue.find(call.emulator.identity.callSid);
    expect(queued).toMatchObject({
      status: "waiting",
      reason: "pressed-0",
      language: "de",
      estimate: { minMinutes: 0, maxMinutes: 5 },
    });
    expect(queued!.context).toMatchObject({
      postcode: "33330",
      district: { name: "Kreis Gütersloh" },
      centre: { name: "Impfzentrum Gütersloh" },
      birthYear: 1936,
      reason: "pressed-0",
      phone: "+4952411234567",
    });
    expect((queued!.context as { heldPair: { holdId: string } }).heldPair.holdId).toMatch(/[0-9a-f-]{36}/);
    expect((queued!.context as { path: string[] }).path).toEqual(
      expect.arrayContaining(["birth-year", "postcode", "offer", "operator"]),
    );
    // The agent takes the call; the real wait is recorded next to the estimate.
    clock.advance(3);
    await s.queue.bridged(call.emulator.identity.callSid, "agent-1");
    const after = await s.db.prisma.queuedCall.findUnique({ where: { callSid: call.emulator.identity.callSid } });
    expect(after).toMatchObject({
      status: "bridged",
      agentId: "agent-1",
      waitSeconds: 180,
      estimateMinMinutes: 0,
      estimateMaxMinutes: 5,
    });
  });

  it("when a waiting caller hangs up, then the status callback closes the queue entry, gives the held pair back and ends the session", async () => {
    await givenAgents(s, 1);
    const call = await placeCall(server, [
      ...TO_AGENT,
      { expect: /nächste freie Termin/, answer: "0" },
      { expect: /Ich verbinde Sie/, answer: "silence" },
      { expect: /als Nächstes an der Reihe/, answer: "silence" },
      { expect: /als Nächstes an der Reihe/, answer: "silence" },
    ]);
    expect(call.emulator.state).toBe("queued");
    const callSid = call.emulator.identity.callSid;
    const holds = () => s.db.prisma.hold.count({ where: { owner: callSid } });
    expect(await holds()).toBe(1);
    const ended = await postWebhook(server, "/voice/status", {
      CallSid: callSid,
      From: call.emulator.identity.from,
      CallStatus: "completed",
      CallDuration: "95",
    });
    expect(ended.status).toBe(204);
    expect(await holds()).toBe(0);
    expect(await s.db.prisma.queuedCall.findUnique({ where: { callSid } })).toMatchObject({
      status: "left",
      result: "hangup",
    });
    expect((await s.db.prisma.callSession.findUnique({ where: { callSid } }))!.endedAt).not.toBeNull();
    // Twilio may repeat it: nothing changes, nothing fails.
    expect(
      (
        await postWebhook(server, "/voice/status", {
          CallSid: callSid,
          From: call.emulator.identity.from,
          CallStatus: "completed",
          CallDuration: "95",
        })
      ).status,
    ).toBe(204);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a Turkish caller waits behind others, then position and estimate are announced in Turkish", async () => {
    await givenAgents(s, 1);
    // Two callers already waiting ahead.
    for (const sid of ["CA" + "1".repeat(32), "CA" + "2".repeat(32)]) {
      await s.queue.enqueue({ callSid: sid, language: "de", phone: null, reason: "pressed-0", context: {} });
    }
    const call = await placeCall(
      server,
      [
        { expect: /Türkçe için 5/, answer: "5" },
        { expect: /2/, answer: "0" },
        { expect: /.+/, answer: "silence" },
        { expect: /.+/, answer: "silence" },
        { expect: /.+/, answer: "silence" },
      ],
      { queue: { position: 3, size: 3 } },
    );
    const waitSays = call.emulator.events.filter((e) => e.type === "say" && e.language === "tr-TR");
    expect(waitSays.length).toBeGreaterThan(3);
    const queued = await s.queue.find(call.emulator.identity.callSid);
    // Third in line with one agent at 300 s: 15 minutes expected, told 10 to 20.
    expect(queued?.estimate).toEqual({ minMinutes: 10, maxMinutes: 20 });
    expect(call.spoken).toMatch(/10.*20/);
  });

  it("when the hotline is closed, then the caller is offered a callback instead of a busy tone", async () => {
    clock.set("2021-01-25T23:10:00+01:00");
    const call = await placeCall(server, [
      { expect: /außerhalb unserer Sprechzeiten.*von 8 bis 22 Uhr.*zurückrufen.*die 1/, answer: "1" },
      { expect: /unter der Nummer 0 5 2 4 1 1 2 3 4 5 6 7 zurückrufen/, answer: "1" },
    ]);
    expect(call.spoken).toMatch(/Rückrufwunsch ist gespeichert\..*morgen Vormittag.*zufälliger Reihenfolge/s);
    const [request] = await s.db.prisma.callbackRequest.findMany();
    expect(request).toMatchObject({
      phone: "+4952411234567",
      phoneSource: "caller-id",
      reason: "outside-hours",
      status: "pending",
      language: "de",
    });
    expect(request!.nextAttemptAt!.toISOString()).toBe("2021-01-26T07:00:00.000Z");
  });

  it("when the hotline is closed, then the languages stay: a Turkish caller presses 5 and leaves a callback in Turkish", async () => {
    clock.set("2021-01-25T23:10:00+01:00");
    const from = "+4952417777777";
    const call = await placeCall(
      server,
      [
        { expect: /außerhalb unserer Sprechzeiten.*zurückrufen.*die 1.*Türkçe için 5 tuşuna basın/, answer: "5" },
        { expect: /Çalışma saatlerimiz dışında arıyorsunuz.*Sizi geri arayabiliriz/, answer: "1" },
        { expect: /numarasından geri arayalım mı/, answer: "1" },
      ],
      { from },
    );
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).toMatch(/Geri arama talebiniz kaydedildi\./);
    const [request] = await s.db.prisma.callbackRequest.findMany({ where: { phone: from } });
    expect(request).toMatchObject({ reason: "outside-hours", language: "tr", status: "pending" });
  });

  it("when the queue is at capacity, then new callers are offered a callback (queue-full)", async () => {
    await givenAgents(s, 50);
    for (let i = 0; i < 3; i++)
      await s.queue.enqueue({
        callSid: `CA${String(i).repeat(32)}`,
        language: "de",
        phone: null,
        reason: "pressed-0",
        context: {},
      });
    const call = await placeCall(server, [
      ...TO_AGENT,
      { expect: /nächste freie Termin/, answer: "0" },
      { expect: /Warteschlange ist voll.*zurückrufen.*die 1/, answer: "3" },
    ]);
    expect(call.spoken).not.toMatch(/Um trotzdem zu warten/);
  });

  it("when the estimate is above the threshold, then a callback is offered, and the caller may still wait", async () => {
    await givenAgents(s, 1);
    for (let i = 0; i < 2; i++)
      await s.queue.enqueue({
        callSid: `CA${String(i + 5).repeat(32)}`,
        language: "de",
        phone: null,
        reason: "pressed-0",
        context: {},
      });
    s.settings.current().queue.offerCallbackAboveMinutes = 15;
    try {
      const call = await placeCall(
        server,
        [
          ...TO_AGENT,
          { expect: /nächste freie Termin/, answer: "0" },
          {
            expect:
              /Wartezeit auf ein Gespräch beträgt zurzeit etwa 10 bis 20 Minuten.*zurückrufen.*Um trotzdem zu warten, drücken Sie die 2/,
            answer: "2",
          },
          { expect: /Ich verbinde Sie.*Vor Ihnen warten noch 2 Personen/s, answer: "silence" },
          "silence",
          "silence",
        ],
        { queue: { position: 3, size: 3 } },
      );
      expect(call.emulator.state).toBe("queued");
    } finally {
      s.settings.current().queue.offerCallbackAboveMinutes = 20;
    }
  });

  it("when a waiting caller presses 1, then the wait becomes a callback that keeps their place (first contact = queue entry)", async () => {
    await givenAgents(s, 1);
    const enteredAt = clock.now();
    const call = await placeCall(server, [
      ...TO_AGENT,
      { expect: /nächste freie Termin/, answer: "0" },
      { expect: /Ich verbinde Sie/, answer: "1" },
      { expect: /Gern, wir rufen Sie zurück.*unter der Nummer/, answer: "2" },
      { expect: /Telefonnummer mit Vorwahl/, answer: "05241987654#" },
      { expect: /unter der Nummer 0 5 2 4 1 9 8 7 6 5 4 zurückrufen/, answer: "1" },
    ]);
    expect(call.spoken).toMatch(/Rückrufwunsch ist gespeichert/);
    const request = await s.db.prisma.callbackRequest.findFirstOrThrow();
    expect(request).toMatchObject({
      phone: "+495241987654",
      phoneSource: "keyed",
      reason: "long-wait",
      birthYear: 1936,
    });
    expect(request.firstContactAt.getTime()).toBe(enteredAt.getTime());
    // The pair the caller chose is kept for the callback, not given away at hang-up.
    expect(request.holdId).not.toBeNull();
    const hold = await s.db.prisma.hold.findUnique({ where: { id: request.holdId! } });
    expect(hold?.owner).toBe(`callback:${request.id}`);
    expect(hold!.expiresAt.getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
    const queued = await s.db.prisma.queuedCall.findUnique({ where: { callSid: call.emulator.identity.callSid } });
    expect(queued).toMatchObject({ status: "left", result: "callback" });
  });

  it("when the same number asks three times, then there is one request and the caller is told so", async () => {
    const script = () => [
      { expect: /.+/, answer: "silence" },
      { expect: /drücken Sie die 2/, answer: "0" },
      { expect: /zurückrufen.*die 1/, answer: "1" },
      { expect: /unter der Nummer/, answer: "1" },
    ];
    const first = await placeCall(server, script(), { from: "+4930555111" });
    const second = await placeCall(server, script(), { from: "+4930555111" });
    const third = await placeCall(server, script(), { from: "+4930555111" });
    expect(first.spoken).toMatch(/Rückrufwunsch ist gespeichert/);
    for (const again of [second, third])
      expect(again.spoken).toMatch(/bereits ein Rückruf vorgemerkt.*Platz bleibt erhalten/s);
    expect(await s.db.prisma.callbackRequest.count({ where: { phone: "+4930555111" } })).toBe(1);
  });
});
