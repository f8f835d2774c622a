// The search for a caller who lost the code: birth date and postcode (already given) and a
// phone number (the caller ID, or one typed) must all match one active booking. The code then
// goes to the mobile number on file by SMS, and is read out only where that cannot leak it to
// someone else: the caller rings from the number on file, or the number on file is a landline
// (it cannot get an SMS, and the caller has just given its birth date, postcode and number).
import { isGermanMobile, phoneToE164, samePhoneNumber } from "../../domain/telephony/phone-number.ts";
import type { HandleResult, StepContext } from "../types.ts";
import { sendCodeAgainSms } from "./confirmation-sms.ts";
import { say } from "./step-kit.ts";

export async function searchLostCode(ctx: StepContext, phone: string, ifNone: HandleResult): Promise<HandleResult> {
  const { state, deps } = ctx;
  const lost = state.lostCode;
  if (!lost?.birthDate || !lost.postcode) return { goto: "code-lost-birth-date" };
  const found = await deps.ledger.findByPerson({ birthDate: lost.birthDate, postcode: lost.postcode, phone });
  if (found.length === 0) return ifNone;
  // Two people with the same birth date, postcode and phone (twins in one household): a
  // person asks which one, rather than the menu guessing.
  if (found.length > 1) return { toOperator: "code-not-found", prompts: [say("code_lost.several")] };
  const booking = found[0]!;
  lost.code = booking.code;
  const onFile = booking.person.phone ? phoneToE164(booking.person.phone) : null;
  let smsSent = false;
  if (onFile && isGermanMobile(onFile)) {
    smsSent = await sendCodeAgainSms(ctx, onFile, booking).then(
      () => true,
      (err: unknown) => (deps.logger.warn({ err }, "code SMS failed"), false),
    );
    if (smsSent) lost.smsTo = onFile;
  }
  if (!smsSent || samePhoneNumber(state.from, onFile)) state.lookedUpCode = booking.code;
  return { goto: "code-lost-found" };
}
