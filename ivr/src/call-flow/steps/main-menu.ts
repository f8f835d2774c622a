// The German caller's first choice (also said within the greeting, see welcome.ts), and the menu
// a caller who chose another language starts with.
import type { HandleResult, Step, StepContext } from "../types.ts";
import { announcementAfterFirstChoice } from "./announcement.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const mainMenu: Step = {
  name: "main-menu",
  enter() {
    return menu("main-menu", [say("main_menu.options")]);
  },
  handle(ctx, input) {
    const choice = readChoice(input, ["1", "2"], {
      words: { "1": ["buchungscode", "code"], "2": ["buchen", "neue termine", "neuen termin"] },
    });
    if (choice === "1") return afterChoice(ctx, { goto: "code-entry" });
    if (choice === "2") return afterChoice(ctx, { goto: "birth-year" });
    return { invalid: "main_menu.invalid" };
  },
};

/** The next step, with the supervisors' announcement first if this was the caller's first choice. */
export function afterChoice(ctx: StepContext, result: HandleResult): HandleResult {
  if ("invalid" in result) return result;
  const news = announcementAfterFirstChoice(ctx);
  if (news.length === 0) return result;
  return { ...result, prompts: [...news, ...(result.prompts ?? [])] };
}
