import type { Step } from "../types.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const mainMenu: Step = {
  name: "main-menu",
  enter() {
    return menu("main-menu", [say("main_menu.options")]);
  },
  handle(_ctx, input) {
    const choice = readChoice(input, ["1", "2"], {
      words: { "1": ["buchungscode", "code"], "2": ["buchen", "neue termine", "neuen termin"] },
    });
    if (choice === "1") return { goto: "code-entry" };
    if (choice === "2") return { goto: "birth-year" };
    return { invalid: "main_menu.invalid" };
  },
};
