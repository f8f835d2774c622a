// A supervisor's pause of a region's campaign holds the invitation calls already queued for it:
// the dialler leaves them in line (no attempt counted) until the region is resumed, another
// region's calls go on, and a deadline passing meanwhile expires the call as usual.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OutboundScheduler } from "../src/domain/outbound/scheduler.ts";
import { TaskSource } from "../src/domain/outbound/task-source.ts";
import type { OutboundCall, Telephony } from "../src/domain/telephony/telephony.ts";
import { createWaitlistServices } from "../src/waitlist-services.ts";
import { FakeClock } from "./support/clock.ts";
import { givenInvitation, type Invited } from "./support/invitations.ts";
import { centreOf, givenCentre } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

const OPEN = "2021-01-25T10:00:00+01:00";

describe.each(DB_KINDS)("a paused campaign and the dialler on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock(OPEN);
  let n = 0;
  const placed: OutboundCall[] = [];
  let loop: OutboundScheduler;

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
    // As the server does: unreached invitation calls become letters.
    createWaitlistServices(s, { MIN_AGE: 80 }, { handleGaveUp: true });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-01-27" });
    await givenCentre(s, "Kreis Gütersloh").withFreePairs(10, { day: "2021-02-08" });
    await givenCentre(s, "Kreis Kleve").withFreePairs(10, { day: "2021-01-27" });
    let fakeMs = 0;
    loop = new OutboundScheduler({
      sources: [
        new TaskSource(
          s.outbound,
          { answer: (id) => `https://hotline.test/voice/outbound/answer?task=${id}`, status: "https://hotline.test/s" },
          async () => true,
        ),
      ],
      telephony: {
        placeCall: async (call: OutboundCall) => {
          placed.push(call);
          return { callSid: `CA${placed.length}` };
        },
      } as unknown as Telephony,
      callsPerSecond: () => 1,
      workerId: "w1",
      nowMs: () => (fakeMs += 1_000),
    });
  });
  afterAll(() => s?.dispose());
  beforeEach(async () => {
    clock.set(OPEN);
    await s.db.query(
      `UPDATE outbound_call SET status = 'cancelled' WHERE status IN ('pending', 'claimed', 'dialling')`,
    );
    placed.length = 0;
    await s.db.query(`DELETE FROM campaign_region`);
  });

  const regionOf = (district: string) => s.geography.districtOfCentre(centreOf(s, district).id)!.regionId;
  const campaign = () => createWaitlistServices(s, { MIN_AGE: 80 }).campaign;
  const task = async (invited: Invited) =>
    (
      await s.db.query<{ status: string; attempts: number; not_after: Date }>(
        `SELECT status, attempts, not_after FROM outbound_call WHERE id = $1`,
        [invited.taskId],
      )
    )[0]!;
  const invite = (district: string) =>
    givenInvitation(s, { name: `Pause Person ${++n}`, phone: `+49151660${String(n).padStart(5, "0")}` }, district);

  it("when a region is paused after its run, then its queued invitation calls wait uncounted while another region's are placed, and go out once it is resumed", async () => {
    const paused = await invite("Kreis Gütersloh");
    const other = await invite("Kreis Kleve");
    expect(regionOf("Kreis Gütersloh")).not.toBe(regionOf("Kreis Kleve"));
    const notAfter = (await task(paused)).not_after;
    await campaign().setPaused(regionOf("Kreis Gütersloh"), true, "leitung");

    // Ticks over ten minutes: only the other region's call is placed.
    for (let i = 0; i < 10; i++) {
      await loop.tick();
      clock.advance(1);
    }
    expect(placed.map((c) => c.answerUrl)).toEqual([expect.stringMatching(new RegExp(`task=${other.taskId}$`))]);
    expect(await task(paused)).toMatchObject({ status: "pending", attempts: 0 });
    // Its deadline is what it was: the pause does not move it.
    expect((await task(paused)).not_after.getTime()).toBe(notAfter.getTime());

    await campaign().setPaused(regionOf("Kreis Gütersloh"), false, "leitung");
    expect(await loop.tick()).toBe(`invitation:${paused.invitationId}`);
    expect(await task(paused)).toMatchObject({ status: "dialling", attempts: 1 });
  });

  it("when a paused region's call runs past its deadline, then it expires as any call not placed in time and the pair goes by letter", async () => {
    const invited = await invite("Kreis Gütersloh");
    await campaign().setPaused(regionOf("Kreis Gütersloh"), true, "leitung");
    // The deadline is 72 hours away; the call's last moment an hour before it.
    for (let hours = 1; hours <= 71; hours++) {
      clock.advance(60);
      await loop.tick();
    }
    expect(placed).toEqual([]);
    expect(await task(invited)).toMatchObject({ status: "expired", attempts: 0 });
    const [invitation] = await s.db.query<{ status: string }>(`SELECT status FROM waitlist_invitation WHERE id = $1`, [
      invited.invitationId,
    ]);
    expect(invitation!.status).toBe("booked");
  });
});
