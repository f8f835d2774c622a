// The supervisors' supply-drop panel: record a reduced or cancelled delivery, see the plan,
// then execute it ("Ausführen").
import { z } from "zod";

export const supplyDropRequest = z.object({
  regionId: z.enum(["nordrhein", "westfalen-lippe", "hessen"]),
  vaccineId: z.string().min(1).max(40).default("biontech"),
  weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dosesLost: z.number().int(),
  shiftDays: z.number().int(),
});
export type SupplyDropRequest = z.infer<typeof supplyDropRequest>;

export interface DayMoves {
  from: string;
  to: string;
  pairs: number;
}

/** POST /api/supervisor/supply-drops/preview: nothing has changed yet. */
export interface SupplyDropPreviewView {
  dropId: number;
  regionId: string;
  vaccineId: string;
  weekStart: string;
  dosesDelivered: number;
  dosesLost: number;
  pairsLost: number;
  shiftDays: number;
  invitationHolds: number;
  freePairs: number;
  protectedPairs: number;
  movesNeeded: number;
  moving: number;
  unmovable: number;
  shortfall: number;
  byDay: DayMoves[];
}

/** POST /api/supervisor/supply-drops/:id/execute */
export interface SupplyDropResultView {
  dropId: number;
  invitationHoldsReleased: number;
  moved: number;
  unmovable: number;
  pairsCut: number;
  shortfall: number;
  byDay: DayMoves[];
  replayed: boolean;
}

/**
 * GET /api/supervisor/supply-drops/:id, and the answer (202) of POST …/execute: a drop's
 * execution runs in the background (minutes for thousands of pairs), the console asks.
 */
export interface SupplyDropProgressView {
  dropId: number;
  status: "planned" | "executing" | "executed";
  /** Pairs the preview planned to move, and those moved so far. */
  moving: number;
  moved: number;
  result: SupplyDropResultView | null;
}

/** GET /api/supervisor/supply-drops */
export interface SupplyDropListView {
  shifts: number[];
  drops: {
    id: number;
    regionId: string;
    weekStart: string;
    dosesLost: number;
    pairsLost: number;
    shiftDays: number;
    status: "planned" | "executing" | "executed";
    createdAt: string;
  }[];
}
