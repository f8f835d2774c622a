// The booking of a caller who lost the code was found. Where the search allowed it (see
// lost-code-search.ts) the code is read twice, slowly, as keypad digits, and the caller may go
// on to the appointments; otherwise it went by SMS to the mobile number on file, and the
// caller may type it as soon as it arrives.
import { lastDigits } from "../../domain/telephony/phone-number.ts";
import type { CallerInput, Step, StepContext, StepOutcome } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const codeLostFound: Step = {
  name: "code-lost-found",
  enter(ctx) {
    const lost = ctx.state.lostCode;
    if (!lost?.code) return { prompts: [], redirect: "code-lost-birth-date" };
    if (!readAloud(ctx)) {
      return menu("code-lost-found", [
        say("code_lost.found"),
        say("code_lost.sms_sent", { digits: lastDigits(lost.smsTo ?? "") }),
        say("code_lost.options_sms"),
      ]);
    }
    return readCode(ctx, [say("code_lost.found")]);
  },
  handle(ctx, input) {
    if (!ctx.state.lostCode?.code) return { goto: "code-lost-birth-date" };
    return readAloud(ctx) ? afterReading(ctx, input) : afterSms(input);
  },
  // The code was said or sent: silence twice means the caller has what they came for.
  giveUp: (_ctx, reason) => (reason === "no-input" ? { goto: "goodbye" } : { toOperator: reason }),
};

/** The search allowed the code to be said (the caller may then go on to the appointments). */
function readAloud({ state }: StepContext): boolean {
  return state.lookedUpCode !== undefined && state.lookedUpCode === state.lostCode?.code;
}

function readCode({ state }: StepContext, before: StepOutcome["prompts"]): StepOutcome {
  const code = state.lookedUpCode!;
  // All inside the gather: the caller may press a key while the code is read (barge-in).
  return menu("code-lost-found", [
    ...before,
    say("code_lost.code_intro"),
    { code },
    { pause: 1 },
    say("code_lost.code_again"),
    { code },
    { pause: 1 },
    ...(state.lostCode?.smsTo ? [say("code_lost.sms_also")] : []),
    say("code_lost.options_read"),
  ]);
}

function afterReading(ctx: StepContext, input: CallerInput) {
  const choice = readChoice(input, ["1", "2", "3"], {
    words: {
      "1": ["termine", "anhören", "verschieben", "absagen"],
      "2": ["code"],
      "3": ["beenden", "auflegen", "tschüss"],
    },
  });
  if (choice === "1") return { goto: "code-menu" as const };
  if (choice === "2") return readCode(ctx, []);
  if (choice === "3") return { goto: "goodbye" as const };
  return { invalid: "common.invalid_choice" };
}

function afterSms(input: CallerInput) {
  const choice = readChoice(input, ["1", "2"], {
    words: { "1": ["eingeben", "code"], "2": ["beenden", "auflegen", "tschüss"] },
  });
  if (choice === "1") return { goto: "code-entry" as const };
  if (choice === "2") return { goto: "goodbye" as const };
  return { invalid: "common.invalid_choice" };
}
