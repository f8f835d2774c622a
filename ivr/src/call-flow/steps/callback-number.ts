// Confirms the number to call back (the caller ID, or one keyed in: withheld numbers are
// common among the elderly), then registers the request and says when the call will come.
import type { Step, StepContext } from "../types.ts";
import { callContext } from "./call-context.ts";
import { windowPrompt } from "./callback-window-prompt.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const callbackNumber: Step = {
  name: "callback-number",
  enter({ state }) {
    const phone = state.callbackPhone;
    if (!phone) return { prompts: [], redirect: "callback-number-entry" };
    return menu("callback-number", [say("callback.confirm_number", { number: speakable(phone.number) })]);
  },
  async handle(ctx, input) {
    const choice = readChoice(input, ["1", "2"], { yesNo: true });
    if (choice === "2") return { goto: "callback-number-entry" };
    if (choice !== "1" || !ctx.state.callbackPhone) return { invalid: "common.invalid_choice" };
    return registerCallback(ctx);
  },
  // The caller asked for the callback; the number was said to them twice. Registered to the
  // caller ID (said once more), a keyed-in number that was never confirmed is not used.
  giveUp(ctx) {
    if (ctx.state.callbackPhone?.source !== "caller-id") return { goto: "goodbye" };
    return registerCallback(ctx, { sayNumber: true });
  },
};

/** Stores the callback request and says when the call will come; then goodbye. */
export async function registerCallback(ctx: StepContext, options: { sayNumber?: boolean } = {}) {
  const { state, deps } = ctx;
  const phone = state.callbackPhone!;
  const reason = state.callbackReason ?? "agent";
  const { created, window } = await deps.callbacks.register({
    phone: phone.number,
    phoneSource: phone.source,
    language: state.language,
    reason,
    birthYear: state.birthYear ?? null,
    hasCode: state.hasCode ?? false,
    context: callContext(state, deps),
    holdId: state.held?.holdId ?? null,
    originCallSid: state.callSid,
    // Turning the wait into a callback keeps the caller's place: first contact = queue entry.
    at: state.convertToCallback && state.queuedAt ? new Date(state.queuedAt) : undefined,
  });
  if (created) state.held = undefined;
  state.callbackRegistered = true;
  const when = window ? windowPrompt(window, state.language) : say("callback.when_supply");
  const registered = options.sayNumber
    ? say("callback.registered_to", { number: speakable(phone.number) })
    : say("callback.registered");
  const prompts = created ? [registered, when, say("callback.fairness")] : [say("callback.already_registered"), when];
  return { goto: "goodbye" as const, prompts };
}

/** "0 5 2 4 1 …": a +49 number read back the way Germans write it, digit by digit. */
export function speakable(e164: string): string {
  const national = e164.startsWith("+49") ? `0${e164.slice(3)}` : e164;
  return national.split("").join(" ");
}
