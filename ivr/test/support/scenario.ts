// Scenario builders keep tests short: givenCentre(s, "Kreis Gütersloh").withFreePairs(3).
import type { PrismaLedgerStore } from "../../src/adapters/prisma/prisma-ledger-store.ts";
import type { Services } from "../../src/services.ts";
import { auditDatabase } from "../../src/adapters/db/ledger-audit.ts";
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
export async function ledgerViolations(services: Services) {
  const { overCapacity, countMismatch, halfPairs } = await auditDatabase(services.db);
  return { overCapacity, countMismatch, halfPairs };
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
