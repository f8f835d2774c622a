// A caller that follows a script, for tests and `npm run call -- --script`.
// Steps answer prompts in order; `{ expect }` steps check what the caller
// just heard before the next answer, so a test fails at the first prompt
// that is not what the flow should say — with that prompt in the message.
import { parseCallerInput, describeInput, type Caller, type CallerInput, type CallerPrompt } from "./caller-input.ts";

export type Expectation = RegExp | string;

export type ScriptStep =
  /** Same syntax as the terminal: "2", "1938#", "s:ja", "silence", "hangup", "r:10". */
  | string
  | CallerInput
  /** Checks the next prompt; with `answer`, also answers it. */
  | { expect: Expectation; answer?: string | CallerInput };

export interface ScriptedCallerOptions {
  /** When the script runs out: "throw" (default; tests should script every prompt) or "hangup". */
  whenExhausted?: "throw" | "hangup";
}

export class ScriptExpectationError extends Error {
  constructor(
    message: string,
    readonly prompt: CallerPrompt,
  ) {
    super(message);
    this.name = "ScriptExpectationError";
  }
}

export class ScriptedCaller implements Caller {
  private position = 0;
  readonly answered: { prompt: CallerPrompt; input: CallerInput }[] = [];

  constructor(
    private readonly steps: readonly ScriptStep[],
    private readonly options: ScriptedCallerOptions = {},
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
      if (typeof step === "string") return this.remember(prompt, parseCallerInput(step));
      if (!("expect" in step)) return this.remember(prompt, step);
      this.check(step.expect, prompt);
      if (step.answer !== undefined) {
        return this.remember(prompt, typeof step.answer === "string" ? parseCallerInput(step.answer) : step.answer);
      }
    }
  };

  /** Throws unless every step was used. */
  assertFinished(): void {
    if (this.remaining > 0) {
      const next = JSON.stringify(this.steps[this.position], replacer);
      throw new Error(`script has ${this.remaining} unused step(s), starting at step ${this.position + 1}: ${next}`);
    }
  }

  private check(expected: Expectation, prompt: CallerPrompt): void {
    const ok = typeof expected === "string" ? prompt.text.includes(expected) : expected.test(prompt.text);
    if (ok) return;
    const soFar = this.answered.map((a) => describeInput(a.input)).join(", ") || "none";
    throw new ScriptExpectationError(
      `script step ${this.position}: expected the prompt to match ${String(expected)}, but the caller heard:\n` +
        `  "${prompt.text}"\n  (${prompt.kind} → ${prompt.action}; answers so far: ${soFar})`,
      prompt,
    );
  }

  private remember(prompt: CallerPrompt, input: CallerInput): CallerInput {
    this.answered.push({ prompt, input });
    return input;
  }

  private exhausted(prompt: CallerPrompt): CallerInput {
    if (this.options.whenExhausted === "hangup") return this.remember(prompt, { hangup: true });
    const message = `script ran out after ${this.steps.length} step(s); the caller now hears:\n  "${prompt.text}"`;
    throw new ScriptExpectationError(message, prompt);
  }
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof RegExp ? String(value) : value;
}
