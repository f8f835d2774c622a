// How an appointment pair is spoken, in the caller's language.
import type { Language } from "../../i18n.ts";
import { spokenClock, spokenDay } from "../spoken-time.ts";
import type { Prompt } from "../types.ts";

export function pairPrompt(
  key: string,
  pair: { firstStartsAt: string | Date; secondStartsAt: string | Date },
  language: Language,
  extra: Record<string, string | number> = {},
): Prompt {
  return {
    say: key,
    params: {
      firstDay: spokenDay(pair.firstStartsAt, language),
      firstTime: spokenClock(pair.firstStartsAt),
      secondDay: spokenDay(pair.secondStartsAt, language),
      secondTime: spokenClock(pair.secondStartsAt),
      ...extra,
    },
  };
}
