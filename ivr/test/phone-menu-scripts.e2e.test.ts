// The `npm run call -- --script` lines from the phone-menu issue, played as the terminal phone
// plays them (comma-separated, hanging up when the script runs out), each with what it must do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CallEmulator, ScriptedCaller } from "../../scripts/phone/call-emulator.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

describe.each(DB_KINDS)("the issue's call scripts on %s", (kind) => {
  const clock = new FakeClock();
  let s: TestServices;
  let server: TestServer;
  let n = 0;

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    for (const day of ["2021-01-26", "2021-01-27", "2021-01-28", "2021-01-29"])
      await givenCentre(s, "Kreis Gütersloh").withFreePairs(4, { day });
    await givenCentre(s, "Köln").withFreePairs(2);
    server = await startTestServer(s);
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  /** As `npm run call -- --script "<script>"` does it. */
  async function play(script: string) {
    const from = `+4952418${String(++n).padStart(6, "0")}`;
    const emulator = new CallEmulator({
      baseUrl: server.url,
      authToken: TEST_AUTH_TOKEN,
      from,
      caller: new ScriptedCaller(script.split(","), { whenExhausted: "hangup" }),
      maxRequests: 60,
    });
    await emulator.run();
    const steps = emulator.requests.map((r) => new URL(r.url).pathname);
    const hangup = emulator.events.find((e) => e.type === "hangup");
    return { emulator, from, steps, hungUpBy: hangup?.type === "hangup" ? hangup.by : null };
  }

  it('",,,,,,,,,,,,,," — silence throughout: the call ends by itself, with a callback to the caller ID', async () => {
    const call = await play(",,,,,,,,,,,,,,");
    expect(call.hungUpBy).toBe("twiml");
    expect(call.steps.length).toBeLessThan(12);
    expect(await s.db.prisma.callbackRequest.count({ where: { phone: call.from } })).toBe(1);
  });

  // The script recorded the name (r:3#); the name is now said (s:…), and a landline
  // caller says the street for the letter (s:…); the summary says both back before "1" books.
  it('",2,1938,33330,1,03031938,s:Anna Schmidt,s:Hauptstraße 5,1,,,,,," — after booking, silence is goodbye', async () => {
    const call = await play(",2,1938,33330,1,03031938,s:Anna Schmidt,s:Hauptstraße 5,1,,,,,,");
    expect(call.hungUpBy).toBe("twiml");
    expect(await s.db.prisma.booking.count({ where: { person: { phone: call.from } } })).toBe(1);
    // One silence after the booking ended the call: the script's other five were never needed.
    expect(call.steps.filter((p) => p === "/voice/step/booked")).toHaveLength(1);
  });

  it('",2,1938,33330,2,2,2" — each 2 offers a later day, never the same pair again; the third 2 brings a person', async () => {
    const call = await play(",2,1938,33330,2,2,2");
    const offers = call.emulator.events
      .filter((e) => e.type === "say" && /erste Impfung am/.test(e.text))
      .map((e) => (e.type === "say" ? /erste Impfung am \w+, (?:dem )?(\d+\. \w+)/.exec(e.text)?.[1] : null));
    expect(offers).toEqual(["26. Januar", "27. Januar", "28. Januar"]);
    // A fourth offer would be going in circles: the caller is offered a person (here, with
    // nobody signed in, a callback) instead.
    expect(call.steps.filter((p) => p.startsWith("/voice/step/")).at(-1)).toBe("/voice/step/offer");
    expect(call.emulator.spokenText()).toMatch(
      /28\. Januar[^]*keine Mitarbeiterin und kein Mitarbeiter frei[^]*zurückrufen/,
    );
    // The pairs let go are free again: at most the last one is held when the caller hangs up.
    expect(await s.db.prisma.hold.count({ where: { owner: call.emulator.identity.callSid } })).toBeLessThanOrEqual(1);
  });

  it('"nein" after a booking does not start a booking for another person', async () => {
    const call = await play(",2,1938,33330,1,03031938,s:Berta Meyer,s:Lindenweg 12,1,nein");
    expect(call.steps.filter((p) => p === "/voice/step/birth-date")).toHaveLength(1);
    expect(await s.db.prisma.booking.count({ where: { person: { phone: call.from } } })).toBe(1);
  });

  it('"Köln" at 51467 picks Köln, and "nein" picks nothing', async () => {
    const picked = await play(",2,1938,51467,Köln");
    expect(picked.emulator.spokenText()).toMatch(/Impfzentrum Köln/);
    const refused = await play(",2,1938,51467,nein");
    expect(refused.emulator.spokenText()).not.toMatch(/Impfzentrum Köln ist/);
  });
});
