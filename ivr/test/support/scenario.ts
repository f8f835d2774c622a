// Scenario builders keep tests short: givenCentre(s, "Kreis Gütersloh").withFreePairs(3).
import type { PrismaLedgerStore } from "../../src/adapters/prisma/prisma-ledger-store.ts";
import type { Services } from "../../src/services.ts";
import { addDays, berlinDate } from "../../src/domain/time/berlin.ts";
import { pairsInBlocks } from "../../src/domain/ledger/supply-plan.ts";

export function centreOf(services: Services, districtName: string) {
  const district = services.geography.districts.find((d) => d.name === districtName);
  if (!district) throw new Error(`no district ${districtName}`);
  return district.centre;
}

export function givenCentre(services: Services & { store: PrismaLedgerStore }, districtName: string) {
  const centre = centreOf(services, districtName);
  return {
    centre,
    /** Adds `pairs` free pairs (capacity 1 each) from 10:00 on `day` (default: tomorrow), half-hourly. */
    async withFreePairs(pairs: number, options: { day?: string; firstMinute?: number; perSlot?: number } = {}) {
      const day = options.day ?? addDays(berlinDate(services.clock.now()), 1);
      const perSlot = options.perSlot ?? 1;
      const slotCount = Math.ceil(pairs / perSlot);
      const base = Math.floor(pairs / slotCount);
      const blocks = [
        {
          centreId: centre.id,
          day,
          firstMinute: options.firstMinute ?? 600,
          slotCount,
          base,
          extra: pairs - base * slotCount,
        },
      ];
      const district = services.geography.districtOfCentre(centre.id)!;
      await services.store.insertRelease({
        regionId: district.regionId,
        vaccineId: "biontech",
        weekStart: day,
        intervalDays: 21,
        releasedBy: "test",
        plan: { doses: pairs * 2, pairs: pairsInBlocks(blocks), unscheduled: 0, perCentre: [], blocks },
      });
      services.ledger.availability.invalidateCounts();
      return centre;
    },
  };
}

export const person = (n: number, over: Record<string, unknown> = {}) => ({
  name: `Erika Mustermann ${n}`,
  nameRecordingUrl: null,
  birthDate: "1938-03-03",
  phone: `+49524100${String(n).padStart(4, "0")}`,
  postcode: "33330",
  ...over,
});

/** Ledger invariants, straight from the tables: must all be zero. */
export async function ledgerViolations(
  services: Services,
): Promise<{ overCapacity: number; countMismatch: number; halfPairs: number }> {
  const [row] = await services.db.prisma.$queryRaw<{ over: number; mismatch: number; half: number }[]>`
    SELECT
      (SELECT count(*)::int FROM slot WHERE booked + held > capacity OR booked < 0 OR held < 0) AS over,
      (SELECT count(*)::int FROM slot s WHERE s.booked <> (
         SELECT count(*) FROM booking b WHERE b.status = 'active' AND (b.first_slot_id = s.id OR b.second_slot_id = s.id))
         OR s.held <> (SELECT count(*) FROM hold h WHERE h.first_slot_id = s.id OR h.second_slot_id = s.id)) AS mismatch,
      (SELECT count(*)::int FROM booking b JOIN slot f ON f.id = b.first_slot_id
        WHERE f.partner_id IS DISTINCT FROM b.second_slot_id OR f.dose <> 1) AS half`;
  return { overCapacity: row!.over, countMismatch: row!.mismatch, halfPairs: row!.half };
}

/** Agents signed in with the given state (the console sets these; tests set them directly). */
export async function givenAgents(
  services: Services,
  count: number,
  state = "available",
  prefix = "agent",
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  for (const id of ids) {
    await services.db.prisma.agent.upsert({
      where: { id },
      create: { id, displayName: id, state },
      update: { state },
    });
  }
  return ids;
}
