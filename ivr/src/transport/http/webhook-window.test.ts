import { describe, expect, it } from "vitest";
import { WebhookWindow } from "./request-metrics.ts";

describe("the wallboard's last minute of voice webhooks", () => {
  it("when 100 webhooks took 1..100 ms, then p95 is 95 ms and the error share counts apologies", () => {
    let now = 1_000_000;
    const window = new WebhookWindow(() => now);
    for (let ms = 1; ms <= 100; ms++) {
      window.add(ms, ms % 10 === 0);
      now += 100; // ten seconds in all
    }
    expect(window.summary()).toEqual({ requests: 100, p95Ms: 96, errorRate: 0.1 });
  });

  it("when a minute has passed, then the older webhooks no longer count, whole seconds at a time", () => {
    let now = 0;
    const window = new WebhookWindow(() => now);
    window.add(500, true);
    now = 30_000;
    window.add(10, false);
    now = 60_500; // the first second (0..999 ms) is now more than a minute old
    expect(window.summary()).toEqual({ requests: 1, p95Ms: 10, errorRate: 0 });
    now = 91_000;
    expect(window.summary()).toEqual({ requests: 0, p95Ms: null, errorRate: 0 });
  });

  it("when webhooks keep arriving for ten minutes, then the window holds only the last minute", () => {
    let now = 0;
    const window = new WebhookWindow(() => now);
    for (let i = 0; i < 6_000; i++) {
      window.add(1, false);
      if (i < 5_999) now += 100;
    }
    // Read at the moment of the last webhook: this second and the 59 before it.
    expect(window.summary().requests).toBe(600);
  });
});
