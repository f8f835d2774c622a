// SMS with the booking code, in both forms: the written one (letters, for reading) and the
// keypad digits grouped as the phone menu reads them (for typing or saying on the phone).
// Sent after a booking when the caller rang from a German mobile number (015x, 016x, 017x;
// landlines cannot receive it, and most over-80s call from one), and to the mobile number on
// file when a caller who lost the code is found.
import { formatBookingCode, formatKeypadCode } from "../../domain/ledger/booking-code.ts";
import { isGermanMobile } from "../../domain/telephony/phone-number.ts";
import type { Language } from "../../i18n.ts";
import { spokenClock, spokenDay } from "../spoken-time.ts";
import type { FlowDeps, HeldPairState, StepContext } from "../types.ts";

interface Pair {
  centreId: number;
  firstStartsAt: Date | string;
  secondStartsAt: Date | string;
}

export function codeSmsParams(deps: FlowDeps, language: Language, code: string, pair: Pair) {
  const centre = deps.ledger.geography.districtOfCentre(pair.centreId)?.centre;
  return {
    code: formatBookingCode(code),
    keypad: formatKeypadCode(code),
    centre: centre ? `${centre.name}${centre.street ? `, ${centre.street}` : ""}, ${centre.city}` : "",
    firstDay: spokenDay(pair.firstStartsAt, language),
    firstTime: spokenClock(pair.firstStartsAt),
    secondDay: spokenDay(pair.secondStartsAt, language),
    secondTime: spokenClock(pair.secondStartsAt),
  };
}

export async function sendConfirmationSms(
  { state, deps }: StepContext,
  code: string,
  pair: HeldPairState,
): Promise<void> {
  if (!isGermanMobile(state.from)) return;
  await deps.sms.send(
    state.from,
    deps.translate("sms.confirmation", state.language, codeSmsParams(deps, state.language, code, pair)),
  );
}

/** The code of a booking found without it, to the mobile number on file (`to`, E.164). */
export async function sendCodeAgainSms({ state, deps }: StepContext, to: string, booking: Pair & { code: string }) {
  const params = codeSmsParams(deps, state.language, booking.code, booking);
  await deps.sms.send(to, deps.translate("sms.code_again", state.language, params));
}
