// A number understood from speech is said back before it is used: "Ich habe 3 3 3 3 0
// verstanden. Richtig? Dann drücken Sie die 1." A yes/no question, so a spoken "ja" or "nein"
// counts here. "No" asks for the number again; a typed number needs no read-back.
import type { Step } from "../types.ts";
import { acceptBirthYear } from "./birth-year.ts";
import { acceptPostcode, spaced } from "./postcode.ts";
import { menu, readChoice, say } from "./step-kit.ts";

export const readBack: Step = {
  name: "read-back",
  enter({ state }) {
    const heard = state.readBack;
    if (!heard) return { prompts: [], redirect: "birth-year" };
    const said =
      heard.of === "birth-year"
        ? say("read_back.year", { year: heard.value })
        : say("read_back.postcode", { postcode: spaced(heard.value) });
    return menu("read-back", [said, say("read_back.options")]);
  },
  handle(ctx, input) {
    const heard = ctx.state.readBack;
    const choice = readChoice(input, ["1", "2"], { yesNo: true });
    if (!heard || choice === null) return { invalid: "common.invalid_choice" };
    ctx.state.readBack = undefined;
    if (choice === "2") return { goto: heard.of, prompts: [say("read_back.again")] };
    return heard.of === "birth-year" ? acceptBirthYear(ctx, Number(heard.value)) : acceptPostcode(ctx, heard.value);
  },
};
