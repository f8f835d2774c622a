/**
 * Gathers the requests made during one turn of the event loop and runs them as one batch.
 * Under load many webhooks arrive in the same turn; each used to cost its own database round
 * trip, and a round trip costs more CPU (driver, system calls, PostgreSQL's per-statement
 * work) than the row it fetches. Alone, a request waits only until the end of the current
 * turn (setImmediate), so nothing waits on a timer.
 */
export class TickBatcher<In, Out> {
  private pending: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] | null = null;

  /** `run` answers every input of a batch, in order. */
  constructor(private readonly run: (inputs: In[]) => Promise<Out[]>) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (!this.pending) {
        this.pending = [];
        setImmediate(() => void this.flush());
      }
      this.pending.push({ input, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending ?? [];
    this.pending = null;
    try {
      const outputs = await this.run(batch.map((p) => p.input));
      batch.forEach((p, i) => p.resolve(outputs[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
