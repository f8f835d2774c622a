// An invitation accepted on the phone: the booking is remembered for the booked step (which
// reads the code twice), and the confirmation goes by SMS to a mobile number the person gave
// with consent (time and place, never the birth date), otherwise by letter to the address the
// waiting list knows.
import { smsAllowed } from "../../domain/outbound/identity-policy.ts";
import type { InvitationView } from "../../domain/waitlist/invitation-calls.ts";
import type { Language } from "../../i18n.ts";
import type { FlowDeps, StepContext } from "../types.ts";
import { codeSmsParams } from "./confirmation-sms.ts";

export async function confirmInvitationBooking(
  ctx: StepContext,
  view: InvitationView,
  code: string,
  pair: { centreId: number; firstStartsAt: Date; secondStartsAt: Date },
): Promise<void> {
  const { state, deps } = ctx;
  const bySms = smsAllowed(view);
  state.bookings.push({
    code,
    centreId: pair.centreId,
    firstStartsAt: pair.firstStartsAt.toISOString(),
    secondStartsAt: pair.secondStartsAt.toISOString(),
  });
  state.bookingAttempt += 1;
  state.visits = {};
  state.confirmationBy = bySms ? "sms" : "letter";
  state.invitation = undefined;
  if (bySms) {
    await deps.sms
      .send(
        view.phone!,
        deps.translate("sms.confirmation", state.language, codeSmsParams(deps, state.language, code, pair)),
      )
      .catch((err) => deps.logger.warn({ err }, "invitation confirmation SMS failed"));
    return;
  }
  await deps.contacts
    .saveDetails(code, {
      nameSource: null,
      street: view.street,
      city: view.city,
      addressRecordingUrl: null,
      letter: true,
    })
    .catch((err) => deps.logger.warn({ err }, "invitation letter details not saved"));
}

/** The SMS beside an invitation letter (a letter takes days): time, place and code, never the birth date. */
export function invitationLetterSms(
  deps: FlowDeps,
  language: Language,
  code: string,
  pair: { centreId: number; firstStartsAt: Date; secondStartsAt: Date },
): string {
  return deps.translate("sms.invitation_letter", language, codeSmsParams(deps, language, code, pair));
}
