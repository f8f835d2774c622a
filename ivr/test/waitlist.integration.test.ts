// The waiting list and the invitation run (issue 17) on each database: registration by an
// agent and from the register, duplicates, a run recomputed from its published values, no
// pair or person twice, acceptance, decline, and expiry into the next run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { SqlWaitlistStore } from "../src/adapters/db/sql-waitlist-store.ts";
import { enforceRetention } from "../src/domain/privacy/retention.ts";
import { isDomainError } from "../src/domain/errors.ts";
import { InvitationRuns } from "../src/domain/waitlist/invitation-runs.ts";
import { verifyRun } from "../src/domain/waitlist/lottery.ts";
import { priorityGroup } from "../src/domain/waitlist/priority.ts";
import { Waitlist } from "../src/domain/waitlist/waitlist.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, ledgerViolations } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const REGION = "westfalen-lippe";

describe.each(DB_KINDS)("the waiting list and invitation runs on %s", (kind) => {
  let s: TestServices;
  let clock: FakeClock;
  let store: SqlWaitlistStore;
  let waitlist: Waitlist;
  let runs: InvitationRuns;

  beforeAll(async () => {
    clock = new FakeClock("2021-01-25T09:00:00+01:00");
    s = await createTestServices(kind, clock);
    store = new SqlWaitlistStore(s.db);
    waitlist = new Waitlist(store, s.geography, clock, { minAge: 80 });
    runs = new InvitationRuns(store, s.ledger, s.geography, clock);
  });
  afterAll(async () => {
    await s?.dispose();
  });

  const centreOfTest = () => s.geography.districts.find((d) => d.name === "Kreis Gütersloh")!.centre.id;
  const register = (n: number, over: Record<string, unknown> = {}) =>
    waitlist.register(
      {
        name: `Person Nummer${n}`,
        birthDate: `19${30 + (n % 10)}-0${1 + (n % 9)}-1${n % 10}`,
        postcode: "33330",
        phone: `+4915100${String(n).padStart(5, "0")}`,
        consentCalls: true,
        ...over,
      },
      "agent",
      "agent:anna",
    );

  it("when an agent registers a person twice, then there is one entry with a 10-digit number, completed by the second", async () => {
    const first = await waitlist.register(
      { name: "Käthe Müller", birthDate: "1936-05-04", postcode: "33330", relation: "child", consentCalls: true },
      "agent",
      "agent:anna",
    );
    expect(first.created).toBe(true);
    expect(first.entry.registrationNumber).toMatch(/^[1-9]\d{9}$/);
    expect(first.entry).toMatchObject({ regionId: REGION, priorityGroup: 3, relation: "child", status: "waiting" });
    const again = await waitlist.register(
      { name: "Mueller, Kaethe", birthDate: "1936-05-04", postcode: "33330", phone: "+4915112345678" },
      "agent",
      "agent:bernd",
    );
    expect(again.created).toBe(false);
    expect(again.entry.id).toBe(first.entry.id);
    expect((await waitlist.byNumber(first.entry.registrationNumber)).phone).toBe("+4915112345678");
  });

  it("when someone under 80 or outside the area is registered, then it is refused with a typed error", async () => {
    await expect(
      waitlist.register({ name: "Jung", birthDate: "1960-01-01", postcode: "33330" }, "agent", "a"),
    ).rejects.toSatisfy((e) => isDomainError(e, "not_eligible"));
    await expect(
      waitlist.register({ name: "Fern", birthDate: "1930-01-01", postcode: "80331" }, "agent", "a"),
    ).rejects.toSatisfy((e) => isDomainError(e, "outside_service_area"));
  });

  it("when a register extract with bad rows is imported twice, then bad rows are reported in German and nothing is added twice", async () => {
    const csv = [
      "Nachname;Vorname;Geburtsdatum;Straße;PLZ;Ort;Telefon",
      "Schmidt;Anna;03.03.1931;Hauptstraße 1;33330;Gütersloh;05241 123456",
      "Schulz;Bernd;31.02.1932;Hauptstraße 2;33330;Gütersloh;",
      ";Carla;01.01.1933;Hauptstraße 3;33330;Gütersloh;",
      "Weber;Dora;01.01.1934;Hauptstraße 4;3333;Gütersloh;",
      "Fischer;Emil;01.01.1935;Hauptstraße 5;33330;Gütersloh;",
      "Fischer;Emil;01.01.1935;Hauptstraße 5;33330;Gütersloh;",
      "Mueller;Kaethe;04.05.1936;Hauptstraße 6;33330;Gütersloh;",
    ].join("\n");
    const report = await waitlist.importRegister(csv, "leitung");
    expect(report).toMatchObject({ rows: 7, added: 2, alreadyListed: 1 });
    expect(report.rejected).toEqual([
      { line: 3, reason: "Geburtsdatum ungültig: „31.02.1932“ (erwartet TT.MM.JJJJ)" },
      { line: 4, reason: "Name fehlt" },
      { line: 5, reason: "Postleitzahl ungültig: „3333“" },
      { line: 7, reason: "Doppelt in dieser Datei" },
    ]);
    const again = await waitlist.importRegister(csv, "leitung");
    expect(again).toMatchObject({ added: 0, alreadyListed: 3 });
    const kaethe = (
      await store.activeEntries([{ nameKey: "kaethe mueller", birthDate: "1936-05-04", postcode: "33330" }])
    )[0]!;
    expect(kaethe.street).toBe("Hauptstraße 6");
  });

  it("when a later registration or import says the person can come at short notice, then the opt-in is added; one that says nothing never takes it away", async () => {
    const header = "Name;Geburtsdatum;Straße;PLZ;Ort;Telefon;Kurzfristig";
    const first = await waitlist.importRegister(
      `${header}\nIda Frueh;05.05.1931;Weg 7;33330;Gütersloh;05241 7777;nein\nJost Frueh;06.06.1931;Weg 7;33330;Gütersloh;05241 7778;ja\n`,
      "leitung",
    );
    expect(first).toMatchObject({ added: 2, rejected: [] });
    const entry = async (nameKey: string, birthDate: string) =>
      (await store.activeEntries([{ nameKey, birthDate, postcode: "33330" }]))[0]!;
    expect((await entry("frueh ida", "1931-05-05")).shortNotice).toBe(false);
    expect((await entry("frueh jost", "1931-06-06")).shortNotice).toBe(true);
    // Ida's daughter calls: she can come at short notice after all. Jost's row again without the column.
    await waitlist.register(
      { name: "Ida Frueh", birthDate: "1931-05-05", postcode: "33330", shortNotice: true },
      "agent",
      "agent:anna",
    );
    await waitlist.importRegister(
      "Name;Geburtsdatum;Straße;PLZ;Ort\nJost Frueh;06.06.1931;Weg 7;33330;Gütersloh\n",
      "leitung",
    );
    expect((await entry("frueh ida", "1931-05-05")).shortNotice).toBe(true);
    expect((await entry("frueh jost", "1931-06-06")).shortNotice).toBe(true);
  });

  it("when a phone entry and a register row have a similar name, then they are listed, and an agent's merge keeps one", async () => {
    const phone = await waitlist.register(
      {
        name: "Grete Hoffmann",
        birthDate: "1929-11-11",
        postcode: "33330",
        phone: "+4915199999999",
        consentCalls: true,
      },
      "agent",
      "agent:anna",
    );
    const report = await waitlist.importRegister(
      "Name;Geburtsdatum;Straße;PLZ;Ort\nMargarete Hoffmann;11.11.1929;Ringstraße 9;33330;Gütersloh\n",
      "leitung",
    );
    expect(report).toMatchObject({ added: 1, possibleDuplicates: 1 });
    const [pair] = (await waitlist.duplicates()).filter((d) => [d.entry.id, d.other.id].includes(phone.entry.id));
    expect(pair).toBeDefined();
    const [a, b] = await waitlist.decide(pair!.id, "merge", "agent:anna");
    const kept = [a!, b!].find((e) => e.status === "waiting")!;
    expect(kept.id).toBe(phone.entry.id);
    expect(kept).toMatchObject({ phone: "+4915199999999", street: "Ringstraße 9" });
    expect([a!, b!].find((e) => e.id !== kept.id)!).toMatchObject({ status: "merged", mergedIntoId: kept.id });
    await expect(waitlist.decide(pair!.id, "apart", "agent:anna")).rejects.toSatisfy((e) =>
      isDomainError(e, "duplicate_unknown"),
    );
  });

  it("when a run is published and executed, then its order recomputes from the published values, no pair or person twice", async () => {
    for (let n = 1; n <= 40; n++)
      await register(n, n % 4 === 0 ? { phone: null, consentCalls: false, street: "Weg 1" } : {});
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(12, { day: "2021-01-26" });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(12, { day: "2021-02-03" });
    const published = await runs.publish(REGION, { sharePercent: 50 }, "leitung");
    expect(published.seed).toBeNull();
    expect(published.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await s.db.query<{ details: { seedHash: string } }>(
      `SELECT details FROM supervisor_action WHERE action = 'waitlist.run.published' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]!.details.seedHash).toBe(published.seedHash);
    // The database builds the frozen list with priority.ts's rule.
    for (const line of (await store.frozenList(published.id))!.trim().split("\n").slice(0, 20)) {
      const [group, number] = line.split(" ");
      const entry = (await store.entryByNumber(number!))!;
      expect(Number(group)).toBe(priorityGroup(entry, clock.now()));
    }

    const result = await runs.execute(published.id, "leitung");
    expect(result.invited + result.booked).toBe(12); // 50 % of 24 free pairs
    expect(result.booked).toBeGreaterThan(0);
    expect(result.run.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(await runs.verify(published.id)).toMatchObject({ ok: true });

    const frozenList = (await store.frozenList(published.id))!;
    const recorded = await store.runPositions(published.id);
    const values = { seed: result.run.seed!, seedHash: published.seedHash, listHash: published.listHash, frozenList };
    const changed = frozenList.replace(
      / (\d{10})\n/,
      (_m, n: string) => ` ${n.slice(0, 9)}${(Number(n[9]) + 1) % 10}\n`,
    );
    expect(verifyRun({ ...values, frozenList: changed }, recorded)).toMatchObject({
      ok: false,
      reason: "list_hash_mismatch",
    });

    const [twice] = await s.db.query<{ pairs: number; people: number; letters_early: number }>(
      `SELECT (SELECT count(*)::int FROM (SELECT first_slot_id FROM waitlist_invitation GROUP BY first_slot_id
                 HAVING count(*) > 1) x) AS pairs,
              (SELECT count(*)::int FROM (SELECT run_id, entry_id FROM waitlist_invitation GROUP BY 1, 2 HAVING count(*) > 1) y) AS people,
              (SELECT count(*)::int FROM waitlist_invitation i JOIN slot f ON f.id = i.first_slot_id
                WHERE i.status = 'booked' AND f.starts_at < $1) AS letters_early`,
      [new Date(clock.now().getTime() + 7 * 86_400_000)],
    );
    expect(twice).toEqual({ pairs: 0, people: 0, letters_early: 0 });
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    await expect(runs.execute(published.id, "leitung")).rejects.toSatisfy((e) => isDomainError(e, "run_finished"));
  });

  it("when an invitation is accepted, then the held pair is booked; declined, the pair is free at once", async () => {
    const open = await s.db.query<{ id: number; entry_id: number }>(
      `SELECT id, entry_id FROM waitlist_invitation WHERE status = 'invited' ORDER BY position LIMIT 2`,
    );
    const accepted = await runs.accept(open[0]!.id, "anna");
    expect(accepted.code).toMatch(/^[0-9A-Z]{12}$/);
    expect((await store.entryById(open[0]!.entry_id))!.status).toBe("booked");
    await expect(runs.accept(open[0]!.id, "anna")).rejects.toSatisfy((e) => isDomainError(e, "invitation_unknown"));

    const before = await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`);
    await runs.decline(open[1]!.id, false);
    const after = await s.db.query<{ held: number }>(`SELECT sum(held)::int AS held FROM slot`);
    expect(after[0]!.held).toBe(before[0]!.held - 2);
    expect((await store.entryById(open[1]!.entry_id))!.status).toBe("waiting");
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when the deadline passes, then the hold is given back and the person is invited again in the next run", async () => {
    const [open] = await s.db.query<{ id: number; entry_id: number }>(
      `SELECT id, entry_id FROM waitlist_invitation WHERE status = 'invited' ORDER BY position LIMIT 1`,
    );
    clock.advance(72 * 60 + 1);
    expect(await runs.expire()).toBeGreaterThan(0);
    expect((await store.entryById(open!.entry_id))!.status).toBe("waiting");
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
    await s.db.query(`DELETE FROM hold`); // what the ledger's own sweep would have given back is gone either way
    await s.db.query(`UPDATE slot SET held = 0`);

    const next = await runs.publish(REGION, { sharePercent: 100 }, "leitung");
    const result = await runs.execute(next.id, "leitung");
    expect(result.invited + result.booked).toBeGreaterThan(0);
    const invitedAgain = await store.invitationsOf(open!.entry_id);
    expect(invitedAgain.map((i) => [i.runId, i.status])).toContainEqual([
      next.id,
      expect.stringMatching(/invited|booked/),
    ]);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when a waiting person books by phone before the run, then the run marks them booked instead of inviting them", async () => {
    const { entry } = await register(900, { name: "Hilde Telefon" });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(4, { day: "2021-03-10" });
    const [hold] = await s.ledger.freePairs(centreOfTest(), { limit: 1 });
    await s.ledger.book({
      firstSlotId: hold!.firstSlotId,
      person: {
        name: "Telefon, Hilde",
        nameRecordingUrl: null,
        birthDate: entry.birthDate,
        phone: null,
        postcode: entry.postcode,
      },
      channel: "phone",
    });
    const run = await runs.publish(REGION, { sharePercent: 100 }, "leitung");
    await runs.execute(run.id, "leitung");
    expect((await store.entryById(entry.id))!.status).toBe("booked");
    expect(await store.invitationsOf(entry.id)).toEqual([]);
    expect(await ledgerViolations(s)).toEqual({ overCapacity: 0, countMismatch: 0, halfPairs: 0 });
  });

  it("when 30 days have passed since an entry stopped waiting, then retention deletes it; waiting entries stay, and a booked one stays until 30 days after its second appointment", async () => {
    const count = async () =>
      s.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM waitlist_entry GROUP BY 1`);
    const before = await count();
    const waiting = before.find((r) => r.status === "waiting")?.n ?? 0;
    expect(before.some((r) => r.status === "booked")).toBe(true);
    clock.advance(31 * 24 * 60);
    const cutoff = new Date(clock.now().getTime() - 30 * 86_400_000);
    // Booked through an invitation, second appointment not yet 30 days past: the centre's list
    // still reads the person's needs from the entry.
    const onAList = await s.db.query<{ id: number; second: Date }>(
      `SELECT DISTINCT e.id, s.starts_at AS second FROM waitlist_entry e
         JOIN waitlist_invitation i ON i.entry_id = e.id
         JOIN booking b ON b.id = i.booking_id AND b.status = 'active'
         JOIN slot s ON s.id = b.second_slot_id
        WHERE e.status = 'booked' AND s.starts_at >= $1`,
      [cutoff],
    );
    expect(onAList.length).toBeGreaterThan(0);
    const retain = () =>
      enforceRetention(new SqlPrivacyStore(s.db), { deleteRecording: async () => undefined }, clock.now());
    const report = await retain();
    const closed = before.filter((r) => r.status !== "waiting" && r.status !== "invited").reduce((a, r) => a + r.n, 0);
    expect(report.waitlistEntries).toBe(closed - onAList.length);
    const kept = await s.db.query<{ id: number }>(`SELECT id FROM waitlist_entry WHERE status = 'booked' ORDER BY id`);
    expect(kept.map((r) => r.id)).toEqual(onAList.map((r) => r.id).sort((a, b) => a - b));

    // 30 days after the last of those second appointments, they go too.
    const last = Math.max(...onAList.map((r) => new Date(r.second).getTime()));
    clock.set(new Date(last + 31 * 86_400_000).toISOString());
    expect((await retain()).waitlistEntries).toBe(onAList.length);
    const after = await count();
    expect(after.filter((r) => r.status !== "invited")).toEqual([{ status: "waiting", n: waiting }]);
  });
});
