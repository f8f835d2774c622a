// Postcode → district. A postcode in two districts asks which place; one outside NRW and Hessen
// names its state and the 116117 hotline, and the caller may type another (a typo is likelier
// than a Bavarian calling). A postcode heard from speech is said back first (read-back.ts).
import { parsePostcode } from "../../domain/speech/german-numbers.ts";
import { speechAccepted } from "../hearing.ts";
import type { CallState, HandleResult, Step, StepContext } from "../types.ts";
import { digitsOnly, entry, say } from "./step-kit.ts";

export const postcode: Step = {
  name: "postcode",
  enter({ state }) {
    const ask = state.outsideArea
      ? say("postcode.ask_again")
      : speechAccepted(state)
        ? say("postcode.ask")
        : say("postcode.ask_keys");
    return entry("postcode", [ask], { numDigits: 5, hints: "drei drei drei drei null, 33330" });
  },
  handle(ctx, input) {
    const { state, deps } = ctx;
    const code = input.digits ? digitsOnly(input) : input.speech ? parsePostcode(input.speech) : null;
    if (!code || !/^\d{5}$/.test(code))
      return { invalid: speechAccepted(state) ? "postcode.invalid" : "postcode.invalid_keys" };
    const found = deps.ledger.geography.lookupPostcode(code);
    if (found.kind === "invalid" || found.kind === "unknown")
      return { invalid: "postcode.unknown", params: { postcode: spaced(code) } };
    if (!input.digits) {
      state.readBack = { of: "postcode", value: code };
      return { goto: "read-back" };
    }
    return acceptPostcode(ctx, code);
  },
  // After an out-of-area postcode, saying nothing means the caller has what they needed.
  giveUp: ({ state }) => (state.outsideArea ? { goto: "goodbye" } : null),
};

export function acceptPostcode({ state, deps }: StepContext, code: string): HandleResult {
  const found = deps.ledger.geography.lookupPostcode(code);
  if (found.kind === "invalid" || found.kind === "unknown") return { goto: "postcode" };
  state.postcode = code;
  state.outsideArea = undefined;
  if (found.kind === "outside") return outsideArea(state, found.states.join(", "));
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
}

/** The state's own hotline (116117), then the postcode may be typed again. */
export function outsideArea(state: CallState, stateName: string): HandleResult {
  state.outsideArea = true;
  return {
    goto: "postcode",
    prompts: [say("postcode.outside", { postcode: spaced(state.postcode ?? ""), state: stateName })],
  };
}

/** "3 3 3 3 0": text-to-speech reads digit by digit instead of "dreiunddreißigtausend...". */
export function spaced(digits: string): string {
  return digits.split("").join(" ");
}
