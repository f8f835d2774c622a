// What the day simulation starts from: a few centres of one KV region with booked pairs (the
// reminded day, and a later week a supply drop will hit, with room a week after it), and each
// centre's district's waiting list, most of it opted in for short notice. All through the
// domain (ledger, waiting list), so the rows look like the hotline's own.
import type { Services } from "../../../ivr/src/services.ts";
import { pairsInBlocks } from "../../../ivr/src/domain/ledger/supply-plan.ts";
import { Waitlist } from "../../../ivr/src/domain/waitlist/waitlist.ts";
import { SqlWaitlistStore } from "../../../ivr/src/adapters/db/sql-waitlist-store.ts";
import type { Centre } from "../../../ivr/src/domain/geo/geography.ts";

/** A seeded random number generator (mulberry32), so a --seed replays the same day. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Centres of the region's districts that have postcodes of their own (a booking needs one). */
export async function regionCentres(s: Services, regionId: string, count: number) {
  const rows = await s.db.query<{ district_id: number; code: string }>(
    `SELECT min(p.district_id) AS district_id, p.code FROM postcode p JOIN district d ON d.id = p.district_id
      WHERE d.region_id = $1 GROUP BY p.code HAVING count(DISTINCT p.district_id) = 1 ORDER BY p.code`,
    [regionId],
  );
  const codes = new Map<number, string[]>();
  for (const r of rows) codes.set(r.district_id, [...(codes.get(r.district_id) ?? []), r.code]);
  const districts = s.geography.districts
    .filter((d) => d.regionId === regionId && codes.has(d.id))
    .sort((a, b) => a.id - b.id)
    .slice(0, count);
  if (districts.length < count) throw new Error(`only ${districts.length} districts with postcodes in ${regionId}`);
  return districts.map((d) => ({ centre: d.centre, district: d, postcodes: codes.get(d.id)! }));
}
export type SimCentre = Awaited<ReturnType<typeof regionCentres>>[number];

/** `pairs` free pairs at the centre on `day`, from 08:00 half-hourly, `perSlot` a slot. */
export async function releasePairs(s: Services, centre: Centre, day: string, weekStart: string, pairs: number) {
  const perSlot = Math.max(1, Math.ceil(pairs / 20));
  const slotCount = Math.ceil(pairs / perSlot);
  const base = Math.floor(pairs / slotCount);
  const blocks = [{ centreId: centre.id, day, firstMinute: 480, slotCount, base, extra: pairs - base * slotCount }];
  const district = s.geography.districtOfCentre(centre.id)!;
  await s.store.insertRelease({
    regionId: district.regionId,
    vaccineId: "biontech",
    weekStart,
    intervalDays: 21,
    releasedBy: "simulate:day",
    plan: { doses: pairs * 2, pairs: pairsInBlocks(blocks), unscheduled: 0, perCentre: [], blocks },
  });
  s.ledger.availability.invalidateCounts();
}

const birthDate = (random: () => number) =>
  `${1925 + Math.floor(random() * 16)}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(
    1 + Math.floor(random() * 28),
  ).padStart(2, "0")}`;

let people = 0;
/** A landline in the centre's area (a reminder call), or a quarter of the time a mobile (an SMS). */
const phoneOf = (n: number, mobileShare: number, random: () => number) =>
  random() < mobileShare ? `+49151${String(n).padStart(8, "0")}` : `+495241${String(n).padStart(7, "0")}`;

/** Books every free pair of the centre on `day` for a new person of its district. */
export async function bookDay(s: Services, c: SimCentre, day: string, random: () => number): Promise<number> {
  let booked = 0;
  for (;;) {
    const pairs = await s.ledger.freePairs(c.centre.id, { after: new Date(`${day}T00:00:00+01:00`), limit: 50 });
    const today = pairs.filter((p) => p.firstStartsAt.toISOString() < new Date(`${day}T23:59:00+01:00`).toISOString());
    if (today.length === 0) return booked;
    for (const pair of today) {
      const n = ++people;
      await s.ledger.book({
        firstSlotId: pair.firstSlotId,
        person: {
          name: `Sim Person ${n}`,
          nameRecordingUrl: null,
          birthDate: birthDate(random),
          phone: phoneOf(n, 0.25, random),
          postcode: c.postcodes[n % c.postcodes.length]!,
        },
        channel: "phone",
      });
      booked++;
    }
  }
}

/** `count` waiting people in the centre's district with a landline, `shortNotice` of them opted in. */
export async function waitingList(s: Services, c: SimCentre, count: number, shortNotice: number, random: () => number) {
  const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, s.clock, { minAge: 80 });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const n = ++people;
    const { entry } = await waitlist.register(
      {
        name: `Wartend ${n} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}`,
        birthDate: birthDate(random),
        postcode: c.postcodes[n % c.postcodes.length]!,
        phone: `+495241${String(n).padStart(7, "0")}`,
        consentCalls: true,
      },
      "agent",
      "simulate:day",
    );
    ids.push(entry.id);
  }
  const opted = ids.filter(() => random() < shortNotice);
  await s.db.query(`UPDATE waitlist_entry SET short_notice = true WHERE id = ANY($1::int[])`, [opted]);
  return { entries: ids.length, shortNotice: opted.length };
}
