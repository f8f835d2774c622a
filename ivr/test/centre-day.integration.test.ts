// The centre's day: a reception account of one centre sees that centre's list for a day,
// checks in each dose (a missed first dose earns a rebooking call), enters wasted doses and
// prints the report; supervisors see every centre's counts; no other centre's data leaks.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlCentreDayStore } from "../src/adapters/db/sql-centre-day-store.ts";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { enforceRetention, RETENTION } from "../src/domain/privacy/retention.ts";
import { PROJECT_ROOT } from "../src/paths.ts";
import { SCREENSHOTS } from "./support/browser.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { centreOf, givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};
const DAY = "2021-01-26";
const SECOND_DAY = "2021-02-16";

describe.each(DB_KINDS)("the centre's day on %s", (kind) => {
  let s: TestServices;
  let server: TestServer;
  let leitung: ConsoleClient;
  let reception: ConsoleClient;
  let anna: ConsoleClient;
  let centreId: number;
  let otherCentreId: number;
  const ids: Record<string, number> = {};
  const day = (path = "", c = centreId, d = DAY) => `/api/centres/${c}/days/${d}${path}`;
  const mark = (name: string, dose: 1 | 2, attendance: "attended" | "no-show" | null, d = DAY) =>
    reception.call("POST", day("/attendance", centreId, d), { bookingId: ids[name], dose, attendance });

  beforeAll(async () => {
    s = await createTestServices(kind, new FakeClock("2021-01-26T08:00:00+01:00"), ACCOUNTS);
    const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(3, { day: DAY });
    centreId = centre.id;
    otherCentreId = centreOf(s, "Kreis Paderborn").id;
    const pairs = await s.ledger.freePairs(centre.id, { limit: 3 });
    const names = ["Erika Schäfer", "Hans Öztürk", "Ida Wagner"];
    for (const [i, name] of names.entries()) {
      const over = { name, birthDate: `193${i}-0${i + 1}-1${i}` };
      ids[name.split(" ")[0]!] = (
        await s.ledger.book({ firstSlotId: pairs[i]!.firstSlotId, person: person(i, over), channel: "phone" })
      ).bookingId;
    }
    server = await startTestServer(s, ACCOUNTS);
    leitung = new ConsoleClient(server.url);
    await leitung.login("leitung", "pw-leitung-123");
    const created = await leitung.call("POST", "/api/supervisor/accounts", {
      id: "empfang-gt",
      displayName: "Empfang Gütersloh",
      role: "centre",
      centreId,
      password: "empfang-passwort-1",
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ role: "centre", centreId });
    reception = new ConsoleClient(server.url);
    expect((await reception.login("empfang-gt", "empfang-passwort-1")).status).toBe(200);
    anna = new ConsoleClient(server.url);
    await anna.login("anna", "pw-anna-123");
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when a supervisor adds a centre account without a centre, or with an unknown one, then it is refused", async () => {
    const base = { id: "empfang-x", displayName: "Empfang X", role: "centre", password: "empfang-passwort-1" };
    expect((await leitung.call("POST", "/api/supervisor/accounts", base)).body.error.code).toBe("account_invalid");
    const unknown = await leitung.call("POST", "/api/supervisor/accounts", { ...base, centreId: 99999 });
    expect(unknown.body.error.code).toBe("centre_unknown");
    expect((await reception.call("GET", "/api/auth/me")).body.user).toMatchObject({ role: "centre", centreId });
  });

  it("when the reception opens the day, then it lists every first dose by time with birth date and code", async () => {
    const res = await reception.call("GET", day());
    expect(res.status).toBe(200);
    expect(res.body.centre.id).toBe(centreId);
    expect(res.body.entries.map((e: any) => [e.name, e.birthDate, e.dose, e.attendance, e.needs])).toEqual([
      ["Erika Schäfer", "1930-01-10", 1, null, []],
      ["Hans Öztürk", "1931-02-11", 1, null, []],
      ["Ida Wagner", "1932-03-12", 1, null, []],
    ]);
    expect(res.body.entries[0].code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it("when a first dose is missed, then a rebooking call is due; undo takes it back", async () => {
    expect((await mark("Erika", 1, "attended")).status).toBe(200);
    expect((await mark("Hans", 1, "no-show")).status).toBe(200);
    const store = new SqlCentreDayStore(s.db);
    expect(await store.pendingRebookCalls()).toEqual([ids.Hans]);
    expect((await mark("Hans", 1, null)).status).toBe(200);
    expect(await store.pendingRebookCalls()).toEqual([]);
    expect((await mark("Hans", 1, "no-show")).status).toBe(200);
    expect(await store.pendingRebookCalls()).toEqual([ids.Hans]);
    const list = await reception.call("GET", day());
    expect(list.body.entries.map((e: any) => e.attendance)).toEqual(["attended", "no-show", null]);
    const audit = await s.db.prisma.supervisorAction.findMany({ where: { action: "attendance.mark" } });
    expect(audit).toHaveLength(4);
    expect(audit[0]!.agentId).toBe("empfang-gt");
  });

  it("when the second dose comes, then it has an attendance of its own", async () => {
    const second = await reception.call("GET", day("", centreId, SECOND_DAY));
    expect(second.body.entries.map((e: any) => [e.name, e.dose])).toEqual([
      ["Erika Schäfer", 2],
      ["Hans Öztürk", 2],
      ["Ida Wagner", 2],
    ]);
    expect((await mark("Erika", 2, "attended", SECOND_DAY)).status).toBe(200);
    const rows = await s.db.prisma.attendance.findMany({ where: { bookingId: ids.Erika }, orderBy: { dose: "asc" } });
    expect(rows.map((r) => [r.dose, r.status])).toEqual([
      [1, "attended"],
      [2, "attended"],
    ]);
    // A dose that is not at this centre (or not this booking's) is a typed 404.
    expect(
      (await reception.call("POST", day("/attendance"), { bookingId: 999999, dose: 1, attendance: "attended" })).status,
    ).toBe(404);
  });

  it("when the supervisors look, then they see booked, attended, no-shows and open per centre", async () => {
    const counts = await leitung.call("GET", `/api/supervisor/centre-days/${DAY}/counts`);
    expect(counts.body.centres).toEqual([
      { centreId, centreName: expect.any(String), booked: 3, attended: 1, noShows: 1, open: 1 },
    ]);
    expect((await reception.call("GET", `/api/supervisor/centre-days/${DAY}/counts`)).status).toBe(403);
  });

  it("when the centre enters wasted doses, then the report's CSV and PDF carry them", async () => {
    expect((await reception.call("POST", day("/wasted"), { doses: 2 })).status).toBe(200);
    expect((await reception.call("POST", day("/wasted"), { doses: -1 })).body.error.code).toBe("day_report_invalid");
    const res = await fetch(`${server.url}${day("/report/csv")}`, { headers: { cookie: reception.sessionCookie } });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const name = centreOf(s, "Kreis Gütersloh").name;
    expect(bytes.toString("utf8")).toBe(
      "\uFEFFDatum;Impfzentrum;Erstimpfungen;Zweitimpfungen;Verabreichte Dosen;Nicht erschienen;Standby-Dosen verwendet;Dosen verworfen\r\n" +
        `26.01.2021;${name};1;0;1;1;0;2\r\n`,
    );
    const pdf = await fetch(`${server.url}${day("/report/pdf")}`, { headers: { cookie: reception.sessionCookie } });
    expect(
      (
        Buffer.from(await pdf.arrayBuffer())
          .toString("latin1")
          .match(/\/Type \/Page\b/g) ?? []
      ).length,
    ).toBe(1);
  });

  it("when the day's list is printed, then it is one A4 page with the centre in the header", async () => {
    const res = await fetch(`${server.url}${day("/pdf")}`, { headers: { cookie: reception.sessionCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(bytes.toString("latin1")).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    if (kind === "pglite" && existsSync("/usr/bin/pdftoppm")) {
      mkdirSync(join(PROJECT_ROOT, "tmp"), { recursive: true });
      const file = join(PROJECT_ROOT, "tmp", "centre-day.pdf");
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
        join(SCREENSHOTS, "centre-day-pdf"),
      ]);
    }
  });

  it("when a centre account asks for another centre, the desk or the accounts, then 403", async () => {
    expect((await reception.call("GET", day("", otherCentreId))).status).toBe(403);
    expect((await reception.call("GET", day("", otherCentreId))).body.error.code).toBe("centre_other");
    expect(
      (
        await reception.call("POST", day("/attendance", otherCentreId), {
          bookingId: ids.Ida,
          dose: 1,
          attendance: "attended",
        })
      ).status,
    ).toBe(403);
    expect((await reception.call("GET", day("/report/csv", otherCentreId))).status).toBe(403);
    expect((await reception.call("GET", "/api/queue")).status).toBe(403);
    expect((await reception.call("GET", "/api/supervisor/accounts")).status).toBe(403);
    // No live connection either: no calls, no queue, no wallboard.
    const socket = connect(server.url, {
      extraHeaders: { cookie: reception.sessionCookie },
      transports: ["websocket"],
      reconnection: false,
    });
    const refused = await new Promise<string>((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (e) => resolve(e.message));
    });
    socket.close();
    expect(refused).toBe("forbidden");
    // An agent has no centre list; a supervisor may open any centre's.
    expect((await anna.call("GET", day())).status).toBe(403);
    expect((await leitung.call("GET", day("", otherCentreId))).body.entries).toEqual([]);
  });

  it("when 90 days have passed since the marks, then the retention run deletes them and the rebooking call", async () => {
    const store = new SqlPrivacyStore(s.db);
    const noRecordings = { deleteRecording: async () => undefined };
    const marked = new Date("2021-01-26T08:00:00+01:00").getTime();
    const early = await enforceRetention(
      store,
      noRecordings,
      new Date(marked + (RETENTION.attendanceDays - 1) * 86_400_000),
    );
    expect(early.attendance).toBe(0);
    // Erika's two doses, Hans's no-show and his rebooking call.
    const late = await enforceRetention(
      store,
      noRecordings,
      new Date(marked + (RETENTION.attendanceDays + 1) * 86_400_000),
    );
    expect(late.attendance).toBe(4);
    expect(await s.db.prisma.attendance.count()).toBe(0);
    expect(await s.db.prisma.rebookCall.count()).toBe(0);
  });
});
