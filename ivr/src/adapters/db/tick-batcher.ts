/**
 * Gathers requests and runs them as one batch: those made during one turn of the event loop,
 * and, while `maxInFlight` batches are already running, all made until one of them returns.
 * Under load many webhooks arrive close together; each used to cost its own database round
 * trip, and a round trip costs more CPU (driver, system calls, PostgreSQL's per-statement
 * work) than the row it fetches. The busier the database, the larger the batches, so the
 * number of statements stops growing with the load. Alone, a request waits only until the
 * end of the current turn (setImmediate), so nothing waits on a timer.
 */
export class TickBatcher<In, Out> {
  private pending: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private running = 0;

  /** `run` answers every input of a batch, in order; it must not submit to this batcher itself. */
  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxInFlight = Number.POSITIVE_INFINITY,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0 || this.running >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running >= this.maxInFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.running++;
    try {
      const outputs = await this.run(batch.map((p) => p.input));
      batch.forEach((p, i) => p.resolve(outputs[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.running--;
      this.schedule();
    }
  }
}
