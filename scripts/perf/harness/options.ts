// The one argument parser of the perf commands: every option is a number with a default, an
// optional shorter default for --quick and a range, or a flag. Anything else is refused.
import { parseArgs } from "node:util";

export interface NumberOption {
  default: number;
  /** The value under --quick (CI and bench:compare use the quick forms). */
  quick?: number;
  min?: number;
  /** Exclusive lower bound: "> 0". */
  above?: number;
  max?: number;
  integer?: boolean;
}
type Spec = Record<string, NumberOption | "flag">;
export type Options<S extends Spec> = { [K in keyof S]: S[K] extends "flag" ? boolean : number } & {
  quick: boolean;
  /** Arguments that are not options, where the command takes them (bench:compare's bench and ref). */
  positionals: string[];
};

function describe(o: NumberOption): string {
  const bounds = [
    o.min !== undefined && `>= ${o.min}`,
    o.above !== undefined && `> ${o.above}`,
    o.max !== undefined && `<= ${o.max}`,
  ].filter(Boolean);
  return `${o.integer ? "an integer" : "a number"}${bounds.length ? ` ${bounds.join(" and ")}` : ""}`;
}

export function readOptions<S extends Spec>(
  spec: S,
  args = process.argv.slice(2),
  allowPositionals = false,
): Options<S> {
  const kinds = Object.entries(spec).map(([name, o]) => [name, { type: o === "flag" ? "boolean" : "string" }]);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals,
    options: { quick: { type: "boolean", default: false }, ...Object.fromEntries(kinds) },
  }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  const quick = values.quick === true;
  const out: Record<string, number | boolean> = { quick };
  for (const [name, o] of Object.entries(spec)) {
    if (o === "flag") {
      out[name] = values[name] === true;
      continue;
    }
    const raw = values[name];
    const x = raw === undefined ? (quick ? (o.quick ?? o.default) : o.default) : Number(raw);
    const ok =
      Number.isFinite(x) &&
      x >= (o.min ?? -Infinity) &&
      x > (o.above ?? -Infinity) &&
      x <= (o.max ?? Infinity) &&
      (!o.integer || Number.isInteger(x));
    if (!ok) throw new Error(`--${name} must be ${describe(o)}, not ${String(raw)}`);
    out[name] = x;
  }
  return { ...out, positionals } as Options<S>;
}
