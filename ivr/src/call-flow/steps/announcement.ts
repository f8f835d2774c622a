// The supervisors' announcement ("Ab morgen impft auch Bielefeld") comes once per call, right
// after the caller's first choice: never before it, so a German caller's first choice stays
// within seconds of the greeting, and in the language the caller chose. A text not yet
// translated is said in German, by the German voice, rather than not at all.
import type { Prompt, StepContext } from "../types.ts";

export function announcementAfterFirstChoice({ state, deps }: StepContext): Prompt[] {
  if (state.announced) return [];
  state.announced = true;
  const { announcement } = deps.operations.current();
  const own = announcement[state.language];
  if (own) return [{ say: "welcome.announcement", params: { text: own } }];
  if (announcement.de) return [{ say: "welcome.announcement", params: { text: announcement.de }, language: "de" }];
  return [];
}
