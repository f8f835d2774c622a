// A confirmation SMS when the caller rang from a German mobile number (015x, 016x, 017x):
// landlines cannot receive it, and most over-80s call from one.
import { formatBookingCode } from "../../domain/ledger/booking-code.ts";
import { spokenClock, spokenDay } from "../spoken-time.ts";
import type { HeldPairState, StepContext } from "../types.ts";

export function isGermanMobile(number: string | null): number is string {
  return number !== null && /^\+491[567]\d{7,10}$/.test(number.replace(/\s/g, ""));
}

export async function sendConfirmationSms(
  { state, deps }: StepContext,
  code: string,
  pair: HeldPairState,
): Promise<void> {
  if (!isGermanMobile(state.from)) return;
  const centre = deps.ledger.geography.districtOfCentre(pair.centreId)?.centre;
  const body = deps.translate("sms.confirmation", state.language, {
    code: formatBookingCode(code),
    centre: centre ? `${centre.name}${centre.street ? `, ${centre.street}` : ""}, ${centre.city}` : "",
    firstDay: spokenDay(pair.firstStartsAt, state.language),
    firstTime: spokenClock(pair.firstStartsAt),
    secondDay: spokenDay(pair.secondStartsAt, state.language),
    secondTime: spokenClock(pair.secondStartsAt),
  });
  await deps.sms.send(state.from, body);
}
