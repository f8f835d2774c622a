import type { Step } from "../types.ts";
import { alternatives } from "./alternatives.ts";
import { birthDate } from "./birth-date.ts";
import { birthYear } from "./birth-year.ts";
import { booked } from "./booked.ts";
import { cancelConfirm } from "./cancel-confirm.ts";
import { chooseDistrict } from "./choose-district.ts";
import { closed } from "./closed.ts";
import { codeEntry } from "./code-entry.ts";
import { codeMenu } from "./code-menu.ts";
import { confirm } from "./confirm.ts";
import { goodbye } from "./goodbye.ts";
import { mainMenu } from "./main-menu.ts";
import { name } from "./name.ts";
import { notEligible } from "./not-eligible.ts";
import { offer } from "./offer.ts";
import { operator } from "./operator.ts";
import { postcode } from "./postcode.ts";
import { welcome } from "./welcome.ts";
import { callbackAnswer } from "./callback-answer.ts";
import { callbackNumber } from "./callback-number.ts";
import { callbackNumberEntry } from "./callback-number-entry.ts";
import { callbackOffer } from "./callback-offer.ts";
import { queueLeft } from "./queue-left.ts";
import { queueWait } from "./queue-wait.ts";

export const ALL_STEPS: Step[] = [
  welcome,
  closed,
  mainMenu,
  codeEntry,
  codeMenu,
  cancelConfirm,
  birthYear,
  notEligible,
  postcode,
  chooseDistrict,
  offer,
  alternatives,
  birthDate,
  name,
  confirm,
  booked,
  operator,
  goodbye,
  callbackOffer,
  callbackNumber,
  callbackNumberEntry,
  queueWait,
  queueLeft,
  callbackAnswer,
];
