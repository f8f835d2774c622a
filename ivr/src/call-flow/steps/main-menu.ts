// The German caller's first choice (also said within the greeting, see welcome.ts), and the menu
// a caller who chose another language starts with.
import type { HandleResult, Step, StepContext } from "../types.ts";
import { announcementAfterFirstChoice } from "./announcement.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const mainMenu: Step = {
  name: "main-menu",
  enter({ deps }) {
    return menu("main-menu", mainMenuOptions(deps));
  },
  handle(ctx, input) {
    const sendable = Boolean(ctx.deps.waitlist);
    const choice = readChoice(input, sendable ? ["1", "2", "3"] : ["1", "2"], {
      words: {
        "1": ["buchungscode", "code"],
        "2": ["buchen", "neue termine", "neuen termin"],
        "3": ["zuschicken", "zugeschickt", "warteliste", "brief"],
      },
    });
    if (choice === "1") return afterChoice(ctx, { goto: "code-entry" });
    if (choice === "2") return afterChoice(ctx, { goto: "birth-year" });
    if (choice === "3") {
      // The birth year and postcode come first, as for booking; then the registration.
      ctx.state.waitlist = { reason: "chosen" };
      return afterChoice(ctx, { goto: "birth-year" });
    }
    return { invalid: sendable ? "main_menu.invalid_three" : "main_menu.invalid" };
  },
};

/** 2 book, 1 code, and 3 "send me an appointment" where registration by phone is wired. */
export function mainMenuOptions(deps: StepContext["deps"]) {
  return [say("main_menu.options"), ...(deps.waitlist ? [say("main_menu.send_me")] : [])];
}

/** The next step, with the supervisors' announcement first if this was the caller's first choice. */
export function afterChoice(ctx: StepContext, result: HandleResult): HandleResult {
  if ("invalid" in result) return result;
  const news = announcementAfterFirstChoice(ctx);
  if (news.length === 0) return result;
  return { ...result, prompts: [...news, ...(result.prompts ?? [])] };
}
