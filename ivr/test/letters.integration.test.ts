// The letter a landline caller is promised: whole emulated calls book, the day's batch gathers
// exactly the bookings whose name and address are typed (the worklist first completes the
// rest), gathering twice adds nothing, and the batch prints as one PDF with a page per letter.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.ts";
import { SCREENSHOTS } from "./support/browser.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { placeCall, saysName } from "./support/phone.ts";
import { givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = { AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123" };
const booking = (name: string, street?: string, mobile = false) => [
  "silence",
  { expect: /neue Impftermine drücken Sie die 2/, answer: "2" },
  { expect: /Geburtsjahr/, answer: "1938" },
  { expect: /Postleitzahl/, answer: "33330" },
  { expect: /nächste freie Termin/, answer: "1" },
  { expect: /Geburtsdatum/, answer: "0303" },
  ...saysName(name, street),
  ...(street || mobile ? [] : [{ expect: /Straße und Hausnummer/, answer: "silence" }, "silence", "silence"]),
  { expect: /fasse zusammen/, answer: "1" },
  { expect: /gebucht/, answer: "3" },
];

describe.each(DB_KINDS)("confirmation letters on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let anna: ConsoleClient;

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-25T09:00:00+01:00"), ACCOUNTS);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10);
    server = await startTestServer(s, ACCOUNTS);
    anna = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when landline callers booked, then today's batch holds those with an address and prints a page each", async () => {
    await placeCall(server, booking("Erika Brief", "Hauptstraße 5"), { from: "+4952418000001" });
    await placeCall(server, booking("Hans Brief", "Lindenweg 12"), { from: "+4952418000002" });
    // A mobile caller gets an SMS; a landline caller who gave no street waits in the worklist.
    await placeCall(server, booking("Ida Mobil", undefined, true), { from: "+4915118000003" });
    await placeCall(server, booking("Otto Ohne"), { from: "+4952418000004" });

    const first = await anna.call("POST", "/api/letters/batch");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ day: "2021-01-25", added: 2, total: 2, waitingForDetails: 1 });
    // Gathering again adds nothing: each letter is in exactly one batch.
    expect((await anna.call("POST", "/api/letters/batch")).body).toMatchObject({ added: 0, total: 2 });

    const pdf = await fetch(`${server.url}/api/letters/2021-01-25`, { headers: { cookie: anna.sessionCookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect(bytes.toString("latin1")).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    // The first letter as an image for the README (poppler's pdftoppm, where installed).
    if (kind === "pglite" && existsSync("/usr/bin/pdftoppm")) {
      mkdirSync(join(PROJECT_ROOT, "tmp"), { recursive: true });
      const file = join(PROJECT_ROOT, "tmp", "letter.pdf");
      writeFileSync(file, bytes);
      execFileSync("/usr/bin/pdftoppm", [
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        file,
        join(SCREENSHOTS, "letter"),
      ]);
    }
    const audit = await s.db.prisma.supervisorAction.findMany({ where: { agentId: "anna" } });
    expect(audit.map((a) => a.action)).toEqual(["letters_gathered", "letters_gathered", "letters_printed"]);
  });

  it("when a day is not a date or nobody is signed in, then a typed answer, not a PDF", async () => {
    expect((await anna.call("GET", "/api/letters/heute")).status).toBe(404);
    expect((await new ConsoleClient(server.url).call("POST", "/api/letters/batch")).status).toBe(401);
  });
});
