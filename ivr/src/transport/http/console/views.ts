// Domain records → the console contract's views.
import type {
  BookingMatch,
  BookingView,
  CallbackView,
  CentreOption,
  HeldPairView,
  PairView,
} from "../../../contracts/console-api.ts";
import type { CallbackRecord } from "../../../domain/callbacks/callback-store.ts";
import type { Alternative, CentreAvailability } from "../../../domain/ledger/availability.ts";
import { formatBookingCode, formatKeypadCode } from "../../../domain/ledger/booking-code.ts";
import type { BookingRecord, FreePair, HeldPair } from "../../../domain/ledger/ledger-store.ts";
import type { Geography } from "../../../domain/geo/geography.ts";

export function pairView(p: FreePair): PairView {
  return {
    firstSlotId: p.firstSlotId,
    secondSlotId: p.secondSlotId,
    centreId: p.centreId,
    firstStartsAt: p.firstStartsAt.toISOString(),
    secondStartsAt: p.secondStartsAt.toISOString(),
  };
}

export function heldView(h: HeldPair, geography: Geography): HeldPairView {
  const centre = geography.districtOfCentre(h.centreId)?.centre;
  return {
    ...pairView(h),
    holdId: h.holdId,
    expiresAt: h.expiresAt.toISOString(),
    ...(centre ? { centreName: centre.name } : {}),
  };
}

export function optionView(a: CentreAvailability | Alternative, pairs: FreePair[], regionName: string): CentreOption {
  return {
    centreId: a.centre.id,
    centreName: a.centre.name,
    city: a.centre.city,
    districtName: a.district.name,
    region: regionName,
    freePairs: a.freePairs,
    distanceKm: "km" in a ? Math.round(a.km) : null,
    pairs: pairs.map(pairView),
  };
}

export function bookingView(b: BookingRecord, geography: Geography): BookingView {
  const centre = geography.districtOfCentre(b.centreId)?.centre;
  return {
    id: b.id,
    code: b.code,
    codeFormatted: formatBookingCode(b.code),
    keypadCode: b.keypadCode,
    keypadFormatted: formatKeypadCode(b.keypadCode),
    status: b.status,
    channel: b.channel,
    centre: { id: b.centreId, name: centre?.name ?? "", street: centre?.street ?? null, city: centre?.city ?? "" },
    firstStartsAt: b.firstStartsAt.toISOString(),
    secondStartsAt: b.secondStartsAt.toISOString(),
    person: { name: b.person.name, birthDate: b.person.birthDate, postcode: b.person.postcode, phone: b.person.phone },
  };
}

export function bookingMatchView(b: BookingRecord, geography: Geography): BookingMatch {
  const centre = geography.districtOfCentre(b.centreId)?.centre;
  return {
    code: b.code,
    codeFormatted: formatBookingCode(b.code),
    status: b.status,
    name: b.person.name,
    birthDate: b.person.birthDate,
    postcode: b.person.postcode,
    centre: { id: b.centreId, name: centre?.name ?? "", city: centre?.city ?? "" },
    firstStartsAt: b.firstStartsAt.toISOString(),
    secondStartsAt: b.secondStartsAt.toISOString(),
  };
}

export function callbackView(r: CallbackRecord, token: string): CallbackView {
  return {
    id: r.id,
    token,
    phone: r.phone,
    language: r.language,
    reason: r.reason,
    status: r.status,
    // A claim counts its attempt already; the desk shows the attempts made before this one.
    attempts: ["claimed", "dialling"].includes(r.status) ? Math.max(0, r.attempts - 1) : r.attempts,
    birthYear: r.birthYear,
    hasCode: r.hasCode,
    firstContactAt: r.firstContactAt.toISOString(),
    window: r.windowFrom && r.windowTo ? { from: r.windowFrom.toISOString(), to: r.windowTo.toISOString() } : null,
    notes: r.notes,
    context: r.context,
    heldPair: r.holdId && r.holdExpiresAt ? { holdId: r.holdId, expiresAt: r.holdExpiresAt.toISOString() } : null,
  };
}
