import { describe, expect, it } from "vitest";
import { MemoryAttemptCounter } from "./memory-attempt-counter.ts";
import { isRefusal, SignInThrottle, type SignInAttempt } from "./sign-in-throttle.ts";

const clock = (start = Date.parse("2021-01-25T08:00:00+01:00")) => {
  let at = start;
  return { now: () => new Date(at), advance: (seconds: number) => (at += seconds * 1000) };
};

/** Tries `password` ("right" succeeds) and reports the outcome; the refusal's wait, or "ok"/"wrong". */
async function signIn(throttle: SignInThrottle, name: string, address: string, password = "wrong") {
  const attempt = await throttle.attempt(name, address);
  if (isRefusal(attempt)) return attempt.retryAfterSeconds;
  await (password === "right" ? (attempt as SignInAttempt).succeeded() : attempt.failed());
  return password === "right" ? "ok" : "wrong";
}

describe("sign-in throttle", () => {
  it("when one address keeps guessing one name, then 5 guesses are free and then the waits double up to 15 minutes", async () => {
    const c = clock();
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), c);
    for (let i = 0; i < 5; i++) expect(await signIn(throttle, "anna", "198.51.100.7")).toBe("wrong");
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const wait = await signIn(throttle, "anna", "198.51.100.7");
      expect(typeof wait).toBe("number");
      waits.push(wait as number);
      c.advance(wait as number);
      expect(await signIn(throttle, "anna", "198.51.100.7")).toBe("wrong");
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    // Even the right password waits: a lucky guess after the limit is not let in early.
    expect(await signIn(throttle, "anna", "198.51.100.7", "right")).toBe(900);
  });

  it("when 200 guesses arrive from one address at once, then only the free ones reach the password check", async () => {
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), clock());
    const results = await Promise.all(Array.from({ length: 200 }, () => signIn(throttle, "anna", "198.51.100.7")));
    expect(results.filter((r) => r === "wrong").length).toBeLessThanOrEqual(6);
  });

  it("when a name is hammered from many addresses, then they are slowed, but its owner signs in from a new address and from a known one", async () => {
    const c = clock();
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), c);
    expect(await signIn(throttle, "anna", "203.0.113.5", "right")).toBe("ok"); // the office, yesterday
    c.advance(60);
    expect(await signIn(throttle, "anna", "203.0.113.5")).toBe("wrong"); // a slip at the office
    let refused = 0;
    for (let round = 0; round < 4; round++) {
      for (let a = 1; a <= 50; a++)
        if (typeof (await signIn(throttle, "anna", `198.51.100.${a}`)) === "number") refused++;
    }
    // Each address's first guess is its own; after that the name's backoff holds them back.
    expect(refused).toBeGreaterThan(140);
    expect(await signIn(throttle, "anna", "192.0.2.44", "right")).toBe("ok"); // home, never failed there
    expect(await signIn(throttle, "anna", "203.0.113.5", "right")).toBe("ok"); // the office again
  });

  it("when a sign-in succeeds, then the address's failures for that name are forgotten", async () => {
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), clock());
    for (let i = 0; i < 4; i++) await signIn(throttle, "ben", "203.0.113.9");
    expect(await signIn(throttle, "ben", "203.0.113.9", "right")).toBe("ok");
    for (let i = 0; i < 5; i++) expect(await signIn(throttle, "ben", "203.0.113.9")).toBe("wrong");
    expect(typeof (await signIn(throttle, "ben", "203.0.113.9"))).toBe("number");
  });

  it("when one address tries many names, then past 30 failures it waits on every name it has failed, not on new ones", async () => {
    const c = clock();
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), c);
    for (let n = 0; n < 31; n++) await signIn(throttle, `user${n}`, "198.51.100.99");
    c.advance(1);
    expect(typeof (await signIn(throttle, "user3", "198.51.100.99"))).toBe("number");
    expect(await signIn(throttle, "anna", "198.51.100.99", "right")).toBe("ok");
  });

  it("when more than 300 attempts a minute arrive in all, then addresses that failed wait for the next minute, others do not", async () => {
    const c = clock();
    const throttle = new SignInThrottle(new MemoryAttemptCounter(), c);
    for (let a = 0; a < 300; a++) await signIn(throttle, `user${a}`, `10.0.${a >> 8}.${a & 255}`);
    expect(await signIn(throttle, "user1", "10.0.0.1")).toBeGreaterThan(0);
    expect(await signIn(throttle, "anna", "10.9.9.9", "right")).toBe("ok");
    c.advance(60);
    expect(await signIn(throttle, "user1", "10.0.0.1")).toBe("wrong");
  });
});
