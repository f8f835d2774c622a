// A caller that follows a script, for tests and `npm run call -- --script`. Steps answer prompts
// in order; `{ expect }` steps check what the caller just heard before the next answer, so a test
// fails at the first prompt that is not what the flow should say — with that prompt in the message.
import { parseCallerInput, describeInput, type Caller, type CallerInput, type CallerPrompt } from "./caller-input.ts";

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
  private readonly answered: CallerInput[] = [];

  constructor(
    private readonly steps: readonly ScriptStep[],
    /** When the script runs out: "throw" (tests should script every prompt) or "hangup". */
    private readonly options: { whenExhausted?: "throw" | "hangup" } = {},
  ) {
    // Parse string steps up front so a typo fails before the call starts.
    for (const step of steps) {
      if (typeof step === "string") parseCallerInput(step);
      else if ("expect" in step && typeof step.answer === "string") parseCallerInput(step.answer);
    }
  }

  /** Steps not yet used; a finished test usually expects 0. */
  get remaining(): number {
    return this.steps.length - this.position;
  }

  readonly answer = async (prompt: CallerPrompt): Promise<CallerInput> => {
    for (;;) {
      const step = this.steps[this.position];
      if (step === undefined) return this.exhausted(prompt);
      this.position++;
      if (typeof step === "string") return this.remember(parseCallerInput(step));
      if (!("expect" in step)) return this.remember(step);
      this.check(step.expect, prompt);
      if (typeof step.answer === "string") return this.remember(parseCallerInput(step.answer));
      if (step.answer !== undefined) return this.remember(step.answer);
    }
  };

  /** Throws unless every step was used. */
  assertFinished(): void {
    if (this.remaining === 0) return;
    const next = this.steps[this.position];
    const shown = JSON.stringify(next, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value));
    throw new Error(`script has ${this.remaining} unused step(s), starting at step ${this.position + 1}: ${shown}`);
  }

  private check(expected: RegExp | string, prompt: CallerPrompt): void {
    if (typeof expected === "string" ? prompt.text.includes(expected) : expected.test(prompt.text)) return;
    const soFar = this.answered.map(describeInput).join(", ") || "none";
    throw new ScriptExpectationError(
      `script step ${this.position}: expected the prompt to match ${String(expected)}, but the caller heard:\n` +
        `  "${prompt.text}"\n  (${prompt.kind} → ${prompt.action}; answers so far: ${soFar})`,
    );
  }

  private remember(input: CallerInput): CallerInput {
    this.answered.push(input);
    return input;
  }

  private exhausted(prompt: CallerPrompt): CallerInput {
    if (this.options.whenExhausted === "hangup") return this.remember({ hangup: true });
    throw new ScriptExpectationError(
      `script ran out after ${this.steps.length} step(s); the caller now hears:\n  "${prompt.text}"`,
    );
  }
}
