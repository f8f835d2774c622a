// The first Gather of every call: a short German greeting and at once the German choices (the
// main menu, or outside opening hours the callback offer), so a German caller hears a first
// choice within 10 s; then the other languages, each named in its own language and voice, on
// keys of their own (4 to 8: apart from the German options 1 to 3, 0 for a person and * to
// repeat). A list of languages, not a decision: whoever does nothing stays in German. The
// languages stay when the hotline is closed.
import type { Language } from "../../contracts/languages.ts";
import { isOpen } from "../../domain/time/opening-hours.ts";
import type { CallerInput, HandleResult, Prompt, Step, StepContext } from "../types.ts";
import { callbackOffer } from "./callback-offer.ts";
import { hoursParams } from "./closed.ts";
import { afterChoice, mainMenu, mainMenuOptions } from "./main-menu.ts";
import { menu, say } from "./step-kit.ts";

/** The key each other language is chosen with; a language without one fails to compile. */
const KEY_OF: Record<Exclude<Language, "de">, string> = { en: "4", tr: "5", ru: "6", pl: "7", ar: "8" };

/** Key 4 = English, 5 = Türkçe, 6 = Русский, 7 = Polski, 8 = العربية. */
export const LANGUAGE_KEYS: Record<string, Language> = Object.fromEntries(
  Object.entries(KEY_OF).map(([language, key]) => [key, language as Language]),
);

export const welcome: Step = {
  name: "welcome",
  // Silence means German: the caller hears the German choices once more, on their own.
  acceptsSilence: true,
  enter(ctx) {
    const { state } = ctx;
    // The answer is read against what was offered, even if the hotline opens or closes meanwhile.
    state.callbackReason = isOpenNow(ctx) ? undefined : "outside-hours";
    // Said once: not again when the caller asked to hear the choices again or answered wrongly.
    const first = state.path.length <= 1 && state.retries === 0 && !state.repeatRequests;
    const greeting = first ? [say("welcome.greeting")] : [];
    const languages: Prompt[] = Object.entries(LANGUAGE_KEYS).map(([key, language]) => ({
      say: "welcome.language_hint",
      params: { key },
      language,
    }));
    return menu("welcome", [...greeting, ...germanChoices(ctx), ...languages]);
  },
  handle(ctx, input) {
    const { state } = ctx;
    const open = state.callbackReason !== "outside-hours";
    const language = input.digits ? LANGUAGE_KEYS[input.digits] : undefined;
    if (language) {
      state.language = language;
      return afterChoice(ctx, { goto: open ? "main-menu" : "closed", prompts: [say("welcome.language_chosen")] });
    }
    if (open) return silent(input) ? { goto: "main-menu" } : mainMenu.handle!(ctx, input);
    return silent(input) ? { goto: "callback-offer" } : closedChoice(ctx, input);
  },
};

function germanChoices(ctx: StepContext): Prompt[] {
  if (ctx.state.callbackReason !== "outside-hours") return [...mainMenuOptions(ctx.deps), say("welcome.keys_hint")];
  return [say("closed.hours", hoursParams(ctx.deps, "de")), say("callback.offer"), say("callback.or_end")];
}

async function closedChoice(ctx: StepContext, input: CallerInput): Promise<HandleResult> {
  return afterChoice(ctx, await callbackOffer.handle!(ctx, input));
}

function isOpenNow({ deps }: StepContext): boolean {
  const { hotline } = deps.operations.current();
  return isOpen(deps.clock.now(), hotline.opensAt, hotline.closesAt);
}

const silent = (input: CallerInput) => !input.digits && !input.speech;
