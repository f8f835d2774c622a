// What the day simulation starts from: centres of one region with booked pairs and their
// districts' waiting lists, all written through the domain so the rows look like the hotline's.
import { SqlWaitlistStore } from "../../../ivr/src/adapters/db/sql-waitlist-store.ts";
import type { Centre } from "../../../ivr/src/domain/geo/geography.ts";
import { pairsInBlocks } from "../../../ivr/src/domain/ledger/supply-plan.ts";
import { Waitlist } from "../../../ivr/src/domain/waitlist/waitlist.ts";
import type { Services } from "../../../ivr/src/services.ts";

/** mulberry32: a --seed replays the same day. */
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
  const rows = await s.db.query<{ district_id: number; codes: string[] }>(
    `SELECT district_id, array_agg(code ORDER BY code) AS codes
       FROM (SELECT min(p.district_id) AS district_id, p.code FROM postcode p JOIN district d ON d.id = p.district_id
              WHERE d.region_id = $1 GROUP BY p.code HAVING count(DISTINCT p.district_id) = 1) x
      GROUP BY district_id ORDER BY district_id LIMIT $2`,
    [regionId, count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} districts with postcodes in ${regionId}`);
  return rows.map((r) => {
    const district = s.geography.districts.find((d) => d.id === r.district_id)!;
    return { centre: district.centre, district, postcodes: r.codes };
  });
}
export type SimCentre = Awaited<ReturnType<typeof regionCentres>>[number];

/** `pairs` free pairs at the centre on `day`, from 08:00 half-hourly. */
export async function releasePairs(s: Services, centre: Centre, day: string, weekStart: string, pairs: number) {
  const perSlot = Math.max(1, Math.ceil(pairs / 20));
  const slotCount = Math.ceil(pairs / perSlot);
  const base = Math.floor(pairs / slotCount);
  const blocks = [{ centreId: centre.id, day, firstMinute: 480, slotCount, base, extra: pairs - base * slotCount }];
  await s.store.insertRelease({
    regionId: s.geography.districtOfCentre(centre.id)!.regionId,
    vaccineId: "biontech",
    weekStart,
    intervalDays: 21,
    releasedBy: "simulate:day",
    plan: { doses: pairs * 2, pairs: pairsInBlocks(blocks), unscheduled: 0, perCentre: [], blocks },
  });
  s.ledger.availability.invalidateCounts();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const birthDate = (random: () => number) =>
  `${1925 + Math.floor(random() * 16)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;

let people = 0;
/** The next person of the centre's district (the birth date drawn first, as a seed replays it). */
function nextPerson(c: SimCentre, random: () => number) {
  const n = ++people;
  return { n, birthDate: birthDate(random), postcode: c.postcodes[n % c.postcodes.length]! };
}

/** Books every free pair of the centre on `day`; a quarter have a mobile (reminded by SMS). */
export async function bookDay(s: Services, c: SimCentre, day: string, random: () => number) {
  const end = new Date(`${day}T23:59:00+01:00`);
  for (;;) {
    const pairs = await s.ledger.freePairs(c.centre.id, { after: new Date(`${day}T00:00:00+01:00`), limit: 50 });
    const today = pairs.filter((p) => p.firstStartsAt < end);
    if (today.length === 0) return;
    for (const pair of today) {
      const { n, ...person } = nextPerson(c, random);
      const phone = random() < 0.25 ? `+49151${pad(n, 8)}` : `+495241${pad(n, 7)}`;
      const named = { ...person, name: `Sim Person ${n}`, nameRecordingUrl: null, phone };
      await s.ledger.book({ firstSlotId: pair.firstSlotId, person: named, channel: "phone" });
    }
  }
}

/** `count` waiting people in the centre's district with a landline; answers how many opted in for short notice. */
export async function waitingList(s: Services, c: SimCentre, count: number, shortNotice: number, random: () => number) {
  const waitlist = new Waitlist(new SqlWaitlistStore(s.db), s.geography, s.clock, { minAge: 80 });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const { n, ...person } = nextPerson(c, random);
    const name = `Wartend ${n} ${String.fromCharCode(65 + (n % 26), 65 + ((n >> 5) % 26))}`;
    const entry = { ...person, name, phone: `+495241${pad(n, 7)}`, consentCalls: true };
    ids.push((await waitlist.register(entry, "agent", "simulate:day")).entry.id);
  }
  const opted = ids.filter(() => random() < shortNotice);
  await s.db.query(`UPDATE waitlist_entry SET short_notice = true WHERE id = ANY($1::int[])`, [opted]);
  return opted.length;
}
