// A supply drop's move notice for a booking, as the supply drop writes it (tests of the calls
// that follow it need one without running a whole drop): one call notice per booking.
import type { Services } from "../../src/services.ts";

export async function givenMoveNotice(s: Services, bookingId: number, phone: string | null, language = "de") {
  const booking = (await s.ledger.findBookingById(bookingId))!;
  const regionId = s.geography.districtOfCentre(booking.centreId)!.regionId;
  const [drop] = await s.db.query<{ id: number }>(
    `INSERT INTO supply_drop (region_id, vaccine_id, week_start, doses_lost, pairs_lost, shift_days, status, plan, created_by, created_at)
     VALUES ($1, 'biontech', '2021-01-25', 2, 1, 7, 'executed', '{}'::jsonb, 'test', $2) RETURNING id`,
    [regionId, s.clock.now()],
  );
  const [notice] = await s.db.query<{ id: number }>(
    `INSERT INTO supply_move_notice (drop_id, booking_id, old_first_slot_id, old_second_slot_id, new_first_slot_id,
                                     new_second_slot_id, language, phone, channel, created_at)
     VALUES ($1, $2, $3, $4, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      drop!.id,
      bookingId,
      booking.firstSlotId,
      booking.secondSlotId,
      language,
      phone,
      phone ? "call" : "letter",
      s.clock.now(),
    ],
  );
  return notice!.id;
}
