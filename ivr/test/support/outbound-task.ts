// A queued outbound task of each automated kind, about a fresh subject, for tests that answer
// the call (the speech budget of outbound calls): an invitation from a run, a reminder of a
// booking, a standby offer's call to a waiting person, a supply drop's move notice.
import { SqlWaitlistStore } from "../../src/adapters/db/sql-waitlist-store.ts";
import { Waitlist } from "../../src/domain/waitlist/waitlist.ts";
import type { Services } from "../../src/services.ts";
import { givenInvitation } from "./invitations.ts";
import { givenMoveNotice } from "./move-notice.ts";
import { givenCentre, person } from "./scenario.ts";

export type AutomatedKind = "invitation" | "reminder" | "standby" | "supply-move";

/**
 * Queues the task in `language` for a person born on the 3rd of March, reached at `phone`;
 * answers its id. "rebook": a missed first dose's call (an agent's call, not automated).
 */
export async function givenOutboundTask(
  services: Services,
  kind: AutomatedKind | "rebook",
  n: number,
  language: string,
  phone = `+4915155${String(n).padStart(6, "0")}`,
): Promise<number> {
  if (kind === "invitation") {
    const invited = await givenInvitation(services, { name: `Einladung Person ${n}`, phone });
    await services.db.query(`UPDATE outbound_call SET language = $2 WHERE id = $1`, [invited.taskId, language]);
    return invited.taskId!;
  }
  // A pair of its own at another centre: the invitations take Gütersloh's.
  const centre = await givenCentre(services, "Kreis Paderborn").withFreePairs(1);
  const [pair] = await services.ledger.freePairs(centre.id, { limit: 1 });
  const booked = await services.ledger.book({
    firstSlotId: pair!.firstSlotId,
    person: person(n, { phone }),
    channel: "agent",
  });
  let subjectId = String(booked.bookingId);
  if (kind === "reminder") subjectId = `${booked.bookingId}:1`;
  if (kind === "supply-move") subjectId = String(await givenMoveNotice(services, booked.bookingId, phone, language));
  if (kind === "standby") {
    const [offer] = await services.db.query<{ id: number }>(
      `INSERT INTO standby_offer (centre_id, doses, usable_until, seed, created_by, created_at)
       VALUES ($1, 1, $2, repeat('a', 64), 'test', $3) RETURNING id`,
      [centre.id, new Date(services.clock.now().getTime() + 3_600_000), services.clock.now()],
    );
    const waiting = new Waitlist(new SqlWaitlistStore(services.db), services.geography, services.clock, {
      minAge: 80,
    });
    const { entry } = await waiting.register(
      { name: `Bereit Person ${n}`, birthDate: "1938-03-03", postcode: "33330", phone },
      "agent",
      "agent:test",
    );
    // Off the list, so the invitation runs do not pick this person.
    await services.db.query(`UPDATE waitlist_entry SET status = 'withdrawn' WHERE id = $1`, [entry.id]);
    subjectId = `${offer!.id}:${entry.id}`;
  }
  const now = services.clock.now();
  await services.outbound.enqueue([{ kind, subjectId, phone, language, notBefore: now, notAfter: null }]);
  const [task] = await services.db.query<{ id: number }>(
    `SELECT id FROM outbound_call WHERE kind = $1 AND subject_id = $2`,
    [kind, subjectId],
  );
  return task!.id;
}
