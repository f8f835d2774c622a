import { describe, expect, it } from "vitest";
import { TickBatcher } from "./tick-batcher.ts";

/** A batch runner whose batches finish only when the test says so. */
function controlledRunner() {
  const batches: { inputs: number[]; finish: () => void }[] = [];
  const run = (inputs: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push({ inputs, finish: () => resolve(inputs.map((n) => n * 10)) });
    });
  return { batches, run };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("TickBatcher", () => {
  it("when requests arrive in one turn of the event loop, then they run as one batch and each gets its own answer", async () => {
    const { batches, run } = controlledRunner();
    const batcher = new TickBatcher(run);
    const answers = Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    await turn();
    expect(batches.map((b) => b.inputs)).toEqual([[1, 2, 3]]);
    batches[0]!.finish();
    expect(await answers).toEqual([10, 20, 30]);
  });

  it("when the limit of batches in flight is reached, then what arrives meanwhile waits and goes as one batch once one returns", async () => {
    const { batches, run } = controlledRunner();
    const batcher = new TickBatcher(run, 1);
    const first = batcher.submit(1);
    await turn();
    const later = [batcher.submit(2)];
    await turn();
    later.push(batcher.submit(3));
    await turn();
    // Still one batch in flight: 2 and 3 arrived in different turns but wait together.
    expect(batches.map((b) => b.inputs)).toEqual([[1]]);
    batches[0]!.finish();
    expect(await first).toBe(10);
    await turn();
    expect(batches.map((b) => b.inputs)).toEqual([[1], [2, 3]]);
    batches[1]!.finish();
    expect(await Promise.all(later)).toEqual([20, 30]);
  });

  it("when no limit is set, then every turn's requests go at once, even while earlier batches run", async () => {
    const { batches, run } = controlledRunner();
    const batcher = new TickBatcher(run);
    const a = batcher.submit(1);
    await turn();
    const b = batcher.submit(2);
    await turn();
    expect(batches.map((x) => x.inputs)).toEqual([[1], [2]]);
    batches.forEach((x) => x.finish());
    expect(await Promise.all([a, b])).toEqual([10, 20]);
  });

  it("when a batch fails, then each of its requests is rejected, and the next batch still runs", async () => {
    let calls = 0;
    const batcher = new TickBatcher<number, number>(async (inputs) => {
      calls++;
      if (calls === 1) throw new Error("database down");
      return inputs;
    }, 1);
    const failed = [batcher.submit(1), batcher.submit(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(["database down", "database down"]);
    expect(await batcher.submit(3)).toBe(3);
  });
});
