// A call's webhooks on two server processes behind one public URL, as a load balancer spreads
// them: a process answers from its own copy of the call's session only when the webhook answers
// exactly the version that process saved, and reads the row otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeCall, saysName } from "./support/phone.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";
import { FakeClock } from "./support/clock.ts";

const booking = (postcode: string, name: string) => [
  "silence",
  { expect: /drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: postcode },
  { expect: /nächste freie Termin/, answer: "1" },
  { expect: /Geburtsdatum/, answer: "03031938" },
  ...saysName(name, "Hauptstraße 5"),
  { expect: /fasse zusammen/, answer: "1" },
  { expect: /Ihre Termine sind gebucht/, answer: "3" },
];

describe.each(DB_KINDS)("one call on two server processes on %s", (kind) => {
  let s: TestServices;
  let a: TestServer;
  let b: TestServer;
  const reads = { a: 0, b: 0 };

  /** The services of one process, counting its reads of call sessions. */
  const counted = (process: "a" | "b"): TestServices => ({
    ...s,
    db: {
      ...s.db,
      keyedQuery: (sql, params, name) => {
        if (name === "call_session_load_many") reads[process]++;
        return s.db.keyedQuery(sql, params, name);
      },
    },
  });

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock());
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4);
    a = await startTestServer(counted("a"));
    // Both behind one public address: Twilio signs what it calls, the balancer's URL.
    b = await startTestServer(counted("b"), { PUBLIC_BASE_URL: a.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await s?.dispose();
  });

  const bookingsFrom = (phone: string) => s.db.prisma.booking.count({ where: { person: { phone } } });

  it("when every webhook of a call reaches the same process, then it reads the call's session from the database not once", async () => {
    reads.a = 0;
    const call = await placeCall(a, booking("33330", "Anna Schmidt"), { from: "+4952415550001" });
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/technisches Problem/);
    expect(await bookingsFrom("+4952415550001")).toBe(1);
    // Every Gather action named the version its answer was saved as.
    const steps = call.emulator.requests.filter((r) => new URL(r.url).pathname.startsWith("/voice/step/"));
    expect(steps.length).toBeGreaterThan(5);
    expect(steps.every((r) => /\?v=[1-9]\d*$/.test(r.url))).toBe(true);
    expect(reads.a).toBe(0);
  });

  it("when the webhooks alternate between two processes, then each one reads the row the other saved, and the call books once", async () => {
    reads.a = 0;
    reads.b = 0;
    let turn = 0;
    // The balancer: every request to the next process, whatever the URL says.
    const balancer: typeof fetch = (input, init) => {
      const target = turn++ % 2 === 0 ? a.url : b.url;
      return fetch(String(input).replace(a.url, target), init);
    };
    const call = await placeCall(a, booking("33330", "Berta Meyer"), { from: "+4952415550002", fetch: balancer });
    expect(call.caller.remaining).toBe(0);
    expect(call.spoken).not.toMatch(/technisches Problem/);
    expect(await bookingsFrom("+4952415550002")).toBe(1);
    // The first webhook creates the session; each later one lands on the process that did not
    // save the version it answers, so a copy would be stale and must not be used.
    const answering = call.emulator.requests.filter((r) => r.url.includes("?v="));
    expect(answering.length).toBeGreaterThan(5);
    expect(reads.a + reads.b).toBe(answering.length);
    expect(reads.a).toBeGreaterThan(0);
    expect(reads.b).toBeGreaterThan(0);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });
});
