// The registry: one step per name in contracts/menu-steps.ts. Keyed by name, so the compiler
// refuses a listed step without its file here, or a step here that is not listed.
import { STEP_NAMES, type StepName } from "../../contracts/menu-steps.ts";
import type { Step } from "../types.ts";
import { alternatives } from "./alternatives.ts";
import { birthDate } from "./birth-date.ts";
import { birthYear } from "./birth-year.ts";
import { booked } from "./booked.ts";
import { cancelConfirm } from "./cancel-confirm.ts";
import { chooseDistrict } from "./choose-district.ts";
import { closed } from "./closed.ts";
import { codeEntry } from "./code-entry.ts";
import { codeLostBirthDate } from "./code-lost-birth-date.ts";
import { codeLostFound } from "./code-lost-found.ts";
import { codeLostNone } from "./code-lost-none.ts";
import { codeLostPhone } from "./code-lost-phone.ts";
import { codeLostPostcode } from "./code-lost-postcode.ts";
import { codeMenu } from "./code-menu.ts";
import { codeVerify } from "./code-verify.ts";
import { confirm } from "./confirm.ts";
import { goodbye } from "./goodbye.ts";
import { mainMenu } from "./main-menu.ts";
import { name, nameRecord } from "./name.ts";
import { address, addressRecord } from "./address.ts";
import { notEligible } from "./not-eligible.ts";
import { offer } from "./offer.ts";
import { operator } from "./operator.ts";
import { postcode } from "./postcode.ts";
import { readBack } from "./read-back.ts";
import { welcome } from "./welcome.ts";
import { callbackAnswer } from "./callback-answer.ts";
import { callbackNumber } from "./callback-number.ts";
import { callbackNumberEntry } from "./callback-number-entry.ts";
import { callbackOffer } from "./callback-offer.ts";
import { queueLeft } from "./queue-left.ts";
import { queueWait } from "./queue-wait.ts";
import { bookingIdentity } from "./booking-identity.ts";
import { reminderAnswer, reminderMenu } from "./reminder-call.ts";
import { standbyAnswer, standbyMenu } from "./standby-call.ts";
import { rebookAnswer } from "./rebook-answer.ts";
import { supplyMoveAnswer, supplyMoveMenu } from "./supply-move-call.ts";
import { identityCheck, identityFailed } from "./identity-check.ts";
import { invitationAnswer } from "./invitation-answer.ts";
import { invitationOffer } from "./invitation-offer.ts";
import { invitationOther } from "./invitation-other.ts";
import { outboundMachine } from "./outbound-machine.ts";
import {
  waitlistConfirm,
  waitlistContact,
  waitlistNeeds,
  waitlistOffer,
  waitlistRegistered,
} from "./waitlist-steps.ts";

export const STEPS: Record<StepName, Step> = {
  welcome,
  closed,
  "main-menu": mainMenu,
  "code-entry": codeEntry,
  "code-verify": codeVerify,
  "code-menu": codeMenu,
  "cancel-confirm": cancelConfirm,
  "code-lost-birth-date": codeLostBirthDate,
  "code-lost-postcode": codeLostPostcode,
  "code-lost-phone": codeLostPhone,
  "code-lost-found": codeLostFound,
  "code-lost-none": codeLostNone,
  "birth-year": birthYear,
  "read-back": readBack,
  "not-eligible": notEligible,
  postcode,
  "choose-district": chooseDistrict,
  offer,
  alternatives,
  "waitlist-offer": waitlistOffer,
  "birth-date": birthDate,
  name,
  "name-record": nameRecord,
  address,
  "address-record": addressRecord,
  confirm,
  "waitlist-needs": waitlistNeeds,
  "waitlist-contact": waitlistContact,
  "waitlist-confirm": waitlistConfirm,
  "waitlist-registered": waitlistRegistered,
  booked,
  operator,
  "callback-offer": callbackOffer,
  "callback-number": callbackNumber,
  "callback-number-entry": callbackNumberEntry,
  "queue-wait": queueWait,
  "queue-left": queueLeft,
  "callback-answer": callbackAnswer,
  "booking-identity": bookingIdentity,
  "reminder-answer": reminderAnswer,
  "reminder-menu": reminderMenu,
  "standby-answer": standbyAnswer,
  "standby-menu": standbyMenu,
  "rebook-answer": rebookAnswer,
  "supply-move-answer": supplyMoveAnswer,
  "supply-move-menu": supplyMoveMenu,
  "invitation-answer": invitationAnswer,
  "outbound-machine": outboundMachine,
  "identity-check": identityCheck,
  "identity-failed": identityFailed,
  "invitation-offer": invitationOffer,
  "invitation-other": invitationOther,
  goodbye,
};

export const ALL_STEPS: Step[] = STEP_NAMES.map((step) => STEPS[step]);
