// An invited person with a call queued: registered on the waiting list (phone, consent to
// calls), then a run of their region, which queues the invitation call in the outbound
// scheduler. Returns what a test needs to answer that call.
import { createWaitlistServices } from "../../src/waitlist-services.ts";
import type { Services } from "../../src/services.ts";
import { centreOf } from "./scenario.ts";

export interface Invited {
  entryId: number;
  invitationId: number;
  registrationNumber: string;
  /** The outbound task of the invitation call; null when the person is reached by letter. */
  taskId: number | null;
  runId: number;
}

export async function givenInvitation(
  services: Services,
  person: {
    name: string;
    phone: string | null;
    birthDate?: string;
    consentCalls?: boolean;
    consentSms?: boolean;
    /** How the entry came in ("phone": the hotline's own registration). */
    source?: "agent" | "phone" | "import";
  },
  district = "Kreis Gütersloh",
): Promise<Invited> {
  const { waitlist, runs } = createWaitlistServices(services, { MIN_AGE: 80 });
  const centre = centreOf(services, district);
  const { entry } = await waitlist.register(
    {
      name: person.name,
      birthDate: person.birthDate ?? "1938-03-03",
      postcode: centre.postcode ?? "33330",
      street: "Hauptstraße 5",
      phone: person.phone,
      consentCalls: person.consentCalls ?? true,
      consentSms: person.consentSms ?? false,
    },
    person.source ?? "agent",
    person.source === "phone" ? "ivr" : "agent-1",
  );
  const regionId = services.geography.districtOfCentre(centre.id)!.regionId;
  const run = await runs.publish(regionId, { sharePercent: 100 }, "leitung");
  await runs.execute(run.id, "leitung");
  const [invitation] = await services.db.query<{ id: number }>(
    `SELECT id FROM waitlist_invitation WHERE entry_id = $1 ORDER BY id DESC LIMIT 1`,
    [entry.id],
  );
  if (!invitation) throw new Error(`${person.name} was not invited (no free pair?)`);
  const [task] = await services.db.query<{ id: number }>(
    `SELECT id FROM outbound_call WHERE kind = 'invitation' AND subject_id = $1`,
    [String(invitation.id)],
  );
  return {
    entryId: entry.id,
    invitationId: invitation.id,
    registrationNumber: entry.registrationNumber,
    taskId: task?.id ?? null,
    runId: run.id,
  };
}
