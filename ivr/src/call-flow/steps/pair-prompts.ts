// How an appointment pair is spoken, in the caller's language. The second appointment is at the
// first one's wall-clock time, a whole number of weeks later (the ledger pairs slots so), so a
// prompt may say "die zweite am 16. Februar, jeweils um 10 Uhr" with secondDate and firstTime.
import type { Language } from "../../i18n.ts";
import { sayDate, sayDay, sayTime } from "../spoken-time.ts";
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
      firstDay: sayDay(pair.firstStartsAt, language),
      firstTime: sayTime(pair.firstStartsAt, language),
      firstDate: sayDate(pair.firstStartsAt, language),
      secondDay: sayDay(pair.secondStartsAt, language),
      secondDate: sayDate(pair.secondStartsAt, language),
      secondTime: sayTime(pair.secondStartsAt, language),
      ...extra,
    },
  };
}
