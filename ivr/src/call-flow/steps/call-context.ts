// What an agent sees the moment a call reaches them: everything the menu learned.
import type { CallState, FlowDeps } from "../types.ts";

export function callContext(state: CallState, deps: FlowDeps): Record<string, unknown> {
  const district = state.districtId !== undefined ? deps.ledger.geography.district(state.districtId) : undefined;
  const centre =
    state.centreId !== undefined ? deps.ledger.geography.districtOfCentre(state.centreId)?.centre : undefined;
  return {
    language: state.language,
    phone: state.from,
    postcode: state.postcode ?? null,
    district: district ? { id: district.id, name: district.name } : null,
    centre: centre ? { id: centre.id, name: centre.name } : null,
    heldPair: state.held ?? null,
    birthYear: state.birthYear ?? null,
    birthDate: state.birthDate ?? null,
    path: state.path.slice(-20),
    reason: state.operatorReason ?? state.callbackReason ?? null,
    bookings: state.bookings.map((b) => b.code),
    callbackRequestId: state.callbackRequestId ?? null,
    missedBooking: state.missedBooking ?? null,
    // Only once the birth date matched: the agent then knows which invitation the person means.
    invitation: state.invitation?.confirmed
      ? { id: state.invitation.id, registrationNumber: state.invitation.registrationNumber }
      : null,
    callStartedAt: state.startedAt,
  };
}
