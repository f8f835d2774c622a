// A caller that follows a script, for tests and `npm run call -- --script`. `{ expect }` steps
// check what the caller just heard before the next answer, so a test fails at the first prompt
// that is not what the flow should say — with that prompt in the message.
import { parseCallerInput, type Caller, type CallerInput, type CallerPrompt } from "./caller-input.ts";

export type ScriptStep =
  /** Same syntax as the terminal: "2", "1938#", "s:ja", "silence", "hangup", "r:10". */
  | string
  | CallerInput
  /** Checks the next prompt; with `answer`, also answers it. */
  | { expect: RegExp | string; answer?: string | CallerInput };

export class ScriptExpectationError extends Error {
  override name = "ScriptExpectationError";
}

export class ScriptedCaller implements Caller {
  private position = 0;

  constructor(
    private readonly steps: readonly ScriptStep[],
    /** When the script runs out: "throw" (tests should script every prompt) or "hangup". */
    private readonly options: { whenExhausted?: "throw" | "hangup" } = {},
  ) {
    // Parse string steps up front so a typo fails before the call starts.
    for (const step of steps) {
      const answer = typeof step === "object" && "expect" in step ? step.answer : step;
      if (typeof answer === "string") parseCallerInput(answer);
    }
  }

  /** Steps not yet used; a finished test usually expects 0. */
  get remaining(): number {
    return this.steps.length - this.position;
  }

  readonly answer = async (prompt: CallerPrompt): Promise<CallerInput> => {
    for (let step = this.steps[this.position]; step !== undefined; step = this.steps[this.position]) {
      this.position++;
      if (typeof step === "string" || !("expect" in step)) return toInput(step);
      const { expect, answer } = step;
      if (!(typeof expect === "string" ? prompt.text.includes(expect) : expect.test(prompt.text)))
        throw new ScriptExpectationError(
          `script step ${this.position}: expected the prompt to match ${String(expect)}, but the caller heard:\n` +
            `  "${prompt.text}"\n  (${prompt.kind} → ${prompt.action})`,
        );
      if (answer !== undefined) return toInput(answer);
    }
    if (this.options.whenExhausted === "hangup") return { hangup: true };
    const heard = `the caller now hears:\n  "${prompt.text}"`;
    throw new ScriptExpectationError(`script ran out after ${this.steps.length} step(s); ${heard}`);
  };

  /** Throws unless every step was used. */
  assertFinished(): void {
    if (this.remaining === 0) return;
    const next = JSON.stringify(this.steps[this.position], (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));
    throw new Error(`script has ${this.remaining} unused step(s), starting at step ${this.position + 1}: ${next}`);
  }
}

function toInput(step: string | CallerInput): CallerInput {
  return typeof step === "string" ? parseCallerInput(step) : step;
}
