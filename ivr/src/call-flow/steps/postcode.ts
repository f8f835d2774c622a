// Postcode → district. A postcode in two districts asks which place; one outside NRW and
// Hessen says which state it belongs to, because that state's own hotline applies.
import { parsePostcode } from "../../domain/speech/german-numbers.ts";
import type { CallState, Step } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const postcode: Step = {
  name: "postcode",
  enter() {
    return entry("postcode", [say("postcode.ask")], { numDigits: 5, hints: "drei drei drei drei null, 33330" });
  },
  handle({ state, deps }, input) {
    const code = input.digits ? digitsOnly(input) : input.speech ? parsePostcode(input.speech) : null;
    if (!code || !/^\d{5}$/.test(code)) return { invalid: "postcode.invalid" };
    const found = deps.ledger.geography.lookupPostcode(code);
    if (found.kind === "invalid" || found.kind === "unknown")
      return { invalid: "postcode.unknown", params: { postcode: spaced(code) } };
    state.postcode = code;
    if (found.kind === "outside") {
      return {
        goto: "goodbye",
        prompts: [say("postcode.outside", { postcode: spaced(code), state: found.states.join(", ") })],
      };
    }
    const choices: NonNullable<CallState["districtChoices"]> = [
      ...found.matches.map((m) => ({
        districtId: m.district.id,
        place: m.places[0] ?? m.district.name,
        state: m.district.state,
      })),
      ...found.outsideStates.map((s) => ({ districtId: null, place: s, state: s })),
    ];
    if (choices.length > 1) {
      state.districtChoices = choices.slice(0, 3);
      return { goto: "choose-district" };
    }
    const district = found.matches[0]!.district;
    state.districtId = district.id;
    state.centreId = district.centre.id;
    return { goto: "offer" };
  },
};

/** "3 3 3 3 0": text-to-speech reads digit by digit instead of "dreiunddreißigtausend...". */
export function spaced(digits: string): string {
  return digits.split("").join(" ");
}
