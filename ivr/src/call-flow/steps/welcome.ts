// Greeting in German; callers who do nothing stay in German. A short hint in each other
// language, spoken in that language, lets a caller switch with one key.
import type { Language } from "../../contracts/languages.ts";
import { isOpen } from "../../domain/time/opening-hours.ts";
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

/** The key each other language is chosen with; a language without one fails to compile. */
const KEY_OF: Record<Exclude<Language, "de">, string> = { en: "2", tr: "3", ru: "4", pl: "5", ar: "6" };

/** Key 2 = English, 3 = Türkçe, 4 = Русский, 5 = Polski, 6 = العربية. */
export const LANGUAGE_KEYS: Record<string, Language> = Object.fromEntries(
  Object.entries(KEY_OF).map(([language, key]) => [key, language as Language]),
);

export const welcome: Step = {
  name: "welcome",
  acceptsSilence: true,
  enter({ state, deps }) {
    const { hotline, announcement } = deps.operations.current();
    if (!isOpen(deps.clock.now(), hotline.opensAt, hotline.closesAt)) {
      return { prompts: [say("welcome.greeting")], redirect: "closed" };
    }
    const hints = Object.entries(LANGUAGE_KEYS).map(([key, language]) => ({
      say: "welcome.language_hint",
      params: { key },
      language,
    }));
    // The supervisors' announcement, in the caller's language (German until they choose).
    const news = announcement[state.language] ?? announcement.de;
    return {
      prompts:
        state.path.length <= 1
          ? [say("welcome.greeting"), ...(news ? [say("welcome.announcement", { text: news })] : [])]
          : [],
      gather: {
        step: "welcome",
        speech: false,
        numDigits: 1,
        timeoutSeconds: 3,
        prompts: [...hints, say("welcome.keys_hint")],
      },
    };
  },
  handle({ state }, input) {
    const chosen = input.digits ? LANGUAGE_KEYS[input.digits] : undefined;
    state.language = chosen ?? "de";
    return { goto: "main-menu", prompts: chosen ? [say("welcome.language_chosen")] : [] };
  },
};
