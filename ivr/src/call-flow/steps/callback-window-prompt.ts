import type { CallbackWindow } from "../../domain/callbacks/callback-window.ts";
import type { Language } from "../../i18n.ts";
import { sayDay } from "../spoken-time.ts";
import type { Prompt } from "../types.ts";

const TOMORROW = {
  morning: "callback.window_tomorrow_morning",
  afternoon: "callback.window_tomorrow_afternoon",
  evening: "callback.window_tomorrow_evening",
} as const;
const LATER = {
  morning: "callback.window_later_morning",
  afternoon: "callback.window_later_afternoon",
  evening: "callback.window_later_evening",
} as const;

/** "heute zwischen 14 und 16 Uhr", "morgen Vormittag", "am Mittwoch, dem 27. Januar, vormittags". */
export function windowPrompt(window: CallbackWindow, language: Language): Prompt {
  if (window.kind === "today")
    return { say: "callback.window_today", params: { from: window.fromHour, to: window.toHour } };
  if (window.kind === "tomorrow") return { say: TOMORROW[window.part] };
  return { say: LATER[window.part], params: { day: sayDay(window.from, language) } };
}
