// Personal data is kept only as long as needed: the retention run, with the clock moved past
// each limit, and a person's erasure and export, which leave no trace and need the birth date.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { SqlPrivacyStore } from "../src/adapters/db/sql-privacy-store.ts";
import { PersonErasure } from "../src/domain/privacy/person-erasure.ts";
import { enforceRetention, RETENTION } from "../src/domain/privacy/retention.ts";
import { LoggedSms } from "../src/adapters/db/logged-sms.ts";
import { EmulatedSms } from "../src/adapters/telephony/sms.ts";
import { createLogger } from "../src/logger.ts";
import { FakeClock } from "./support/clock.ts";
import { ConsoleClient } from "./support/console-client.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};
const RECORDING = (n: number) =>
  `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE${String(n).padStart(32, "0")}`;

describe.each(DB_KINDS)("privacy on %s", (kind) => {
  const clock = new FakeClock("2021-01-25T09:00:00+01:00");
  let s: TestServices;
  let store: SqlPrivacyStore;
  const telephony = new EmulatedTelephony({ authToken: "x", logger: createLogger("silent") });

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    store = new SqlPrivacyStore(s.db);
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(6);
  });
  afterAll(() => s?.dispose());
  beforeEach(() => clock.set("2021-01-25T09:00:00+01:00"));

  /** Books for person n; its row and timestamps as of the fake clock. */
  async function booked(n: number) {
    const centre = givenCentre(s, "Kreis Gütersloh").centre;
    const [pair] = await s.ledger.freePairs(centre.id);
    const booking = await s.ledger.book({
      firstSlotId: pair!.firstSlotId,
      person: person(n, { nameRecordingUrl: RECORDING(n) }),
      channel: "phone",
    });
    // Rows get the database's clock; the test's world is January 2021.
    await s.db.query(`UPDATE person SET created_at = $1 WHERE phone = $2`, [clock.now(), person(n).phone]);
    return { ...booking, phone: person(n).phone };
  }

  it("when a day has passed since an SMS was sent, then the retention run deletes it at the provider, and not before", async () => {
    const provider = new EmulatedSms(createLogger("silent"));
    const sms = new LoggedSms(provider, s.db, () => clock.now());
    const { sid } = await sms.send("+4915112345678", "Ihre Impftermine: … Buchungscode …");
    clock.set("2021-01-26T08:59:00+01:00");
    expect((await enforceRetention(store, telephony, clock.now(), RETENTION, provider)).messages).toBe(0);
    clock.set("2021-01-26T09:01:00+01:00");
    expect(await enforceRetention(store, telephony, clock.now(), RETENTION, provider)).toMatchObject({
      messages: 1,
      failedMessages: 0,
    });
    expect(provider.deleted).toEqual([sid]);
    expect(await s.db.query(`SELECT sid FROM sent_message`)).toEqual([]);
    // A provider that refuses keeps the id for the next run: nothing is forgotten unsent.
    const refusing = { deleteMessage: async () => Promise.reject(new Error("503")) };
    await sms.send("+4915112345678", "…");
    clock.set("2021-01-27T10:00:00+01:00");
    expect(await enforceRetention(store, telephony, clock.now(), RETENTION, refusing)).toMatchObject({
      messages: 0,
      failedMessages: 1,
    });
    expect(await s.db.query(`SELECT count(*)::int AS n FROM sent_message`)).toEqual([{ n: 1 }]);
  });

  async function personRow(phone: string | null, id?: number) {
    const [row] = await s.db.query<Record<string, unknown>>(
      `SELECT id, name, phone, name_key, name_recording_url, to_char(birth_date, 'YYYY-MM-DD') AS birth_date
         FROM person WHERE ${id ? "id = $1" : "phone = $1"}`,
      [id ?? phone],
    );
    return row;
  }

  it("when the clock passes each limit, then the retention run removes what is no longer needed, and nothing before", async () => {
    const kept = await booked(701);
    const past = await booked(702);
    await s.db.query(
      `INSERT INTO callback_request (phone, phone_source, language, reason, status, priority_group, release_window,
         random_rank, first_contact_at, context, done_at, updated_at)
       VALUES ($1, 'caller-id', 'de', 'agent', 'done', 1, $2, 0.5, $2, '{}', $2, $2),
              ($1, 'caller-id', 'de', 'agent', 'pending', 1, $2, 0.5, $2, '{}', NULL, $2)`,
      [past.phone, clock.now()],
    );
    await s.db.query(
      `INSERT INTO queued_call (call_sid, queue, status, language, phone, reason, context, enqueued_at, left_at)
       VALUES ('CAretention1', 'agents', 'left', 'de', $1, 'pressed-0', '{}', $2, $2)`,
      [past.phone, clock.now()],
    );
    await s.db.query(`INSERT INTO metric_sample (name, at, value) VALUES ('queue_depth', $1, 3)`, [clock.now()]);
    await s.db.query(
      `INSERT INTO conversation (agent_id, kind, call_sid, started_at, ended_at, closed_at, outcome, note)
       VALUES ('anna', 'inbound', 'CAretention1', $1, $1, $1, 'information', 'Tochter ruft wegen der Mutter zurück')`,
      [clock.now()],
    );

    const first = await enforceRetention(store, telephony, clock.now());
    expect(first).toMatchObject({ queueEntries: 0, conversations: 0, callbacks: 0, people: 0, recordings: 0 });

    // Person 702's second appointment (16 February) and 30 days more are over; move 701's on.
    await s.db.query(
      `UPDATE slot SET starts_at = starts_at + interval '90 days'
        WHERE id = (SELECT second_slot_id FROM booking WHERE code = $1)`,
      [kept.code],
    );
    // 702 was booked by phone from a landline: a street for the letter and a recording of it.
    await s.db.query(
      `UPDATE person SET street = 'Hauptstraße 5', city = 'Gütersloh', letter = true, address_recording_url = $2
        WHERE phone = $1`,
      [past.phone, `${RECORDING(702)}A`],
    );
    clock.set("2021-03-20T09:00:00+01:00");
    const later = await enforceRetention(store, telephony, clock.now());
    expect(later).toMatchObject({
      queueEntries: 1,
      conversations: 1,
      callbacks: 1,
      people: 1,
      recordings: 2,
      metricSamples: 0,
    });
    expect(telephony.deletedRecordings).toEqual([RECORDING(702), `${RECORDING(702)}A`]);
    const anonymised = await s.db.query<Record<string, unknown>>(
      `SELECT name, phone, name_recording_url, name_key, to_char(birth_date, 'YYYY-MM-DD') AS birth_date,
              street, city, address_recording_url
         FROM person WHERE id = (SELECT person_id FROM booking WHERE code = $1)`,
      [past.code],
    );
    expect(anonymised[0]).toMatchObject({
      name: null,
      phone: null,
      name_recording_url: null,
      birth_date: "1938-01-01",
      street: null,
      city: null,
      address_recording_url: null,
    });
    expect(anonymised[0]!.name_key).toMatch(/^anonymised:\d+$/);
    // The booking stays for statistics; the pending callback and person 701 are untouched.
    expect((await s.ledger.lookup(past.code)).status).toBe("active");
    expect(await personRow(kept.phone)).toMatchObject({ name: "Erika Mustermann 701" });
    const pending = await s.db.query(`SELECT status FROM callback_request WHERE phone = $1`, [past.phone]);
    expect(pending).toEqual([{ status: "pending" }]);

    clock.set("2021-05-01T09:00:00+01:00");
    expect((await enforceRetention(store, telephony, clock.now())).metricSamples).toBe(1);
  });

  it("when a supervisor erases a person by code and birth date, then the appointments are freed and no trace is left", async () => {
    const b = await booked(703);
    const erasure = new PersonErasure(store, s.ledger, telephony);
    await s.db.query(
      `INSERT INTO callback_request (phone, phone_source, language, reason, status, priority_group, release_window,
         random_rank, first_contact_at, context, updated_at)
       VALUES ($1, 'caller-id', 'de', 'agent', 'pending', 1, now(), 0.5, now(), '{}', now())`,
      [b.phone],
    );
    await s.db.query(
      `INSERT INTO call_session (call_sid, step, language, state) VALUES ('CAerase1', 'booked', 'de', $1::json)`,
      [JSON.stringify({ from: b.phone, bookings: [{ code: b.code }] })],
    );
    await s.db.query(`INSERT INTO supervisor_action (agent_id, action, details) VALUES ('leitung', 'x', $1::jsonb)`, [
      JSON.stringify({ code: b.code }),
    ]);

    await expect(erasure.erase(b.code, "1938-03-04", "leitung")).rejects.toMatchObject({ code: "person_not_found" });
    const report = await erasure.erase(b.code, "1938-03-03", "leitung");
    expect(report).toMatchObject({
      bookingsCancelled: 1,
      callbackRequests: 1,
      callSessions: 1,
      auditEntriesScrubbed: 1,
      recordingDeleted: true,
    });
    expect((await s.ledger.lookup(b.code)).status).toBe("cancelled");
    const leftovers = await s.db.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM person WHERE phone = $1 OR name LIKE 'Erika Mustermann 703%')
             + (SELECT count(*) FROM callback_request WHERE phone = $1)
             + (SELECT count(*) FROM call_session WHERE state::text LIKE '%' || $1 || '%')
             + (SELECT count(*) FROM supervisor_action WHERE details::text LIKE '%' || $2 || '%'))::int AS n`,
      [b.phone, b.code],
    );
    expect(leftovers[0]!.n).toBe(0);
    expect(telephony.deletedRecordings).toContain(RECORDING(703));
    // A second attempt finds nobody: the code no longer leads to a person.
    await expect(erasure.export(b.code, "1938-03-03", "leitung")).rejects.toMatchObject({ code: "person_not_found" });
  });

  describe("through the API", () => {
    let server: TestServer;
    let boss: ConsoleClient;
    let anna: ConsoleClient;
    beforeAll(async () => {
      server = await startTestServer(s, ACCOUNTS);
      boss = new ConsoleClient(server.url);
      anna = new ConsoleClient(server.url);
      await boss.login("leitung", "pw-leitung-123");
      await anna.login("anna", "pw-anna-123");
    });
    afterAll(() => server?.close());

    it("when a supervisor asks for a person's data, then a file with it comes back and the request is audited; agents get 403", async () => {
      const b = await booked(704);
      expect(
        (await anna.call("POST", "/api/supervisor/privacy/export", { code: b.code, birthDate: "03.03.1938" })).status,
      ).toBe(403);
      const wrong = await boss.call("POST", "/api/supervisor/privacy/export", {
        code: b.code,
        birthDate: "04.03.1938",
      });
      expect(wrong).toMatchObject({ status: 404, body: { error: { code: "person_not_found" } } });
      const bad = await boss.call("POST", "/api/supervisor/privacy/export", { code: "x", birthDate: "1938" });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: "privacy_request_invalid" } } });
      const res = await boss.call("POST", "/api/supervisor/privacy/export", { code: b.code, birthDate: "03.03.1938" });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        person: { name: "Erika Mustermann 704", birthDate: "1938-03-03", phone: b.phone },
        bookings: [{ code: b.code, status: "active", centre: "Impfzentrum Gütersloh" }],
      });
      const audit = await s.db.query(`SELECT agent_id, action FROM supervisor_action WHERE action = 'person_exported'`);
      expect(audit).toContainEqual({ agent_id: "leitung", action: "person_exported" });
    });
  });
});
