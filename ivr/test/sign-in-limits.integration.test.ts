// Sign-in limits (issue 15, finding 2): with `trust proxy` true and a limit keyed by the
// X-Forwarded-For address, 200 guesses with a new header each got 200 × 401 and then the right
// password worked; the same trick could lock anyone out for any chosen address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openServices, type Services } from "../src/services.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

const ACCOUNTS = {
  AGENT_ACCOUNTS: "anna:Anna Becker:pw-anna-123,ben:Ben Kaya:pw-ben-123,carl:Carl Demir:pw-carl-123",
  SUPERVISOR_ACCOUNTS: "leitung:Sabine Leitner:pw-leitung-123",
};

async function login(
  server: TestServer,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe.each(DB_KINDS)("sign-in limits on %s", (kind) => {
  let s: TestServices;
  let direct: TestServer;
  let proxied: TestServer;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock, ACCOUNTS);
    direct = await startTestServer(s, ACCOUNTS);
    // Behind a proxy on this machine: it appends the address it saw to X-Forwarded-For.
    proxied = await startTestServer(s, { ...ACCOUNTS, TRUST_PROXY: "loopback" });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
    await s?.dispose();
  });

  it("when 200 guesses each carry a new X-Forwarded-For, then they count as one address: 429 after the free ones, and the right password waits too", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 200; i++) {
      last = await login(direct, "ben", `guess-${i}`, { "x-forwarded-for": `10.${i >> 8}.${i & 255}.${i % 7}` });
      statuses.push(last.status);
    }
    expect(tally(statuses)).toEqual({ 401: 5, 429: 195 });
    expect(last!.retryAfter).toMatch(/^\d+$/);
    expect(last!.body.error).toMatchObject({ code: "too_many_attempts", retryAfterSeconds: Number(last!.retryAfter) });
    // Refused attempts are not counted: the wait runs from the last failure (the clock stands still here).
    expect(last!.body.error.message).toBe("Zu viele Anmeldeversuche. Bitte versuchen Sie es in 1 Sekunde erneut.");
    const right = await login(direct, "ben", "pw-ben-123", {
      "x-forwarded-for": "10.99.99.99",
      "accept-language": "en",
    });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toBe("Too many sign-in attempts. Please try again in 1 second.");
  });

  it("when an attacker hammers a name from many addresses behind the proxy, then they are slowed, and its owner signs in at home and at the office", async () => {
    const via = (address: string) => ({ "x-forwarded-for": `203.0.113.5, ${address}` }); // first entry: forged
    expect((await login(proxied, "anna", "pw-anna-123", via("192.0.2.10"))).status).toBe(200); // the office, yesterday
    expect((await login(proxied, "anna", "tippfehler", via("192.0.2.10"))).status).toBe(401); // a slip there today
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (let a = 1; a <= 20; a++)
        statuses.push((await login(proxied, "anna", `guess-${round}-${a}`, via(`198.51.100.${a}`))).status);
    }
    const counted = tally(statuses);
    expect(counted[429]).toBeGreaterThanOrEqual(170);
    expect(counted[401]).toBeLessThanOrEqual(30);
    // Home: an address that has not failed. The office: where she signed in before. Both let her in.
    expect((await login(proxied, "anna", "pw-anna-123", via("192.0.2.99"))).status).toBe(200);
    expect((await login(proxied, "anna", "pw-anna-123", via("192.0.2.10"))).status).toBe(200);
    // The forged first entry (her address as the attacker guessed it) was never counted against her.
    expect((await login(proxied, "anna", "pw-anna-123", via("203.0.113.5"))).status).toBe(200);
  });

  it("when 5 guesses have failed, then each further one waits, the wait doubling with every failure", async () => {
    const from = { "x-forwarded-for": "198.51.100.200" };
    for (let i = 0; i < 5; i++) expect((await login(proxied, "carl", `guess-${i}`, from)).status).toBe(401);
    expect(await login(proxied, "carl", "again", from)).toMatchObject({ status: 429, retryAfter: "1" });
    clock.advance(1 / 60);
    expect((await login(proxied, "carl", "again", from)).status).toBe(401);
    expect(await login(proxied, "carl", "again", from)).toMatchObject({ status: 429, retryAfter: "2" });
    clock.advance(2 / 60);
    expect((await login(proxied, "carl", "again", from)).status).toBe(401);
    expect(await login(proxied, "carl", "again", from)).toMatchObject({ status: 429, retryAfter: "4" });
  });

  it.runIf(kind === "postgres")(
    "when guesses are spread over two server processes, then they are counted together",
    async () => {
      const config = loadConfig({
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        DATABASE_URL: s.databaseUrl!,
        AUTO_SEED: "false",
      });
      const other: Services = await openServices(config, createLogger("silent"), clock);
      const second = await startTestServer(other, ACCOUNTS);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) {
          statuses.push((await login(i % 2 ? second : direct, "leitung", `guess-${i}`, {})).status);
        }
        expect(tally(statuses)).toEqual({ 401: 5, 429: 35 });
      } finally {
        await second.close();
        await other.close();
      }
    },
  );
});
