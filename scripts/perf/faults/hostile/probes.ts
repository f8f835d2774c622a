// fault:hostile's two probes beside the webhook attack (issue 15, findings 1 and 2):
// - metrics cardinality: junk paths (GET /api/x<random>, unsigned POST /voice/x<random>) must
//   not add labels to /metrics: its size stays within a few KB and a scrape stays fast;
// - X-Forwarded-For: sign-in guesses that each carry a new X-Forwarded-For must be slowed (429)
//   as one address, the right password must not work for the attacker within the limit, and an
//   address the attacker forged must not lock its real owner out. The server trusts one proxy,
//   127.0.0.2 (PROXY_ADDRESS): requests sent from there stand for a proxy that appends the
//   client's address; everything else (the attack, the first guesses) connects from 127.0.0.1.
import { randomBytes, randomInt } from "node:crypto";
import { RawClient, type RawResponse } from "./raw-client.ts";

export const PROXY_ADDRESS = "127.0.0.2";
export const METRICS_TOKEN = "fault-hostile-metrics-token-0123456789";
/** Two agents the hotline is started with; the probes guess their passwords. */
export const PROBE_ACCOUNTS = { direct: ["ben", "pw-ben-fault-1"], proxied: ["anna", "pw-anna-fault-1"] } as const;
export const PROBE_ENV = {
  METRICS_TOKEN,
  TRUST_PROXY: PROXY_ADDRESS,
  AGENT_ACCOUNTS: Object.values(PROBE_ACCOUNTS)
    .map(([id, password]) => `${id}:${id} (fault probe):${password}`)
    .join(","),
};
/** The growth of /metrics that passes: one new series each for the 404s and 403s is about 4 KB. */
const METRICS_GROWTH_LIMIT = 8_000;
const SCRAPE_LIMIT_MS = 1_000;
/** Guesses free before the backoff (5 per name and address), plus the 1 s, 2 s, 4 s waits running out meanwhile. */
const FREE_GUESSES = 8;

export interface Check {
  ok: boolean;
  text: string;
}

const junk = () => `x${randomBytes(6).toString("hex")}`;
const tally = (statuses: number[]) =>
  statuses.reduce<Record<string, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

async function inParallel(total: number, parallel: number, send: () => Promise<RawResponse>): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < total) statuses.push((await send()).status);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return statuses;
}

export async function probeMetrics(port: number, requests: number) {
  const client = new RawClient(port);
  const scrape = async (token = METRICS_TOKEN) => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const res = await client.send({ method: "GET", path: "/metrics", headers });
    const routes = new Set([...res.body.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    return { status: res.status, bytes: res.body.length, ms: Math.round(res.ms), routes };
  };
  await scrape(); // the scrape's own label first
  const before = await scrape();
  const half = Math.ceil(requests / 2);
  const gets = await inParallel(half, 25, () => client.send({ method: "GET", path: `/api/${junk()}`, headers: {} }));
  const posts = await inParallel(requests - half, 25, () =>
    client.send({
      method: "POST",
      path: `/voice/${junk()}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "CallSid=CA1",
    }),
  );
  const after = await scrape();
  const open = await scrape("");
  client.close();
  const added = [...after.routes].filter((r) => !before.routes.has(r) && r !== "other");
  const growth = after.bytes - before.bytes;
  const result = {
    requests,
    bytesBefore: before.bytes,
    bytesAfter: after.bytes,
    labelsAdded: added.length,
    scrapeMs: after.ms,
    withoutToken: open.status,
    statuses: tally([...gets, ...posts]),
  };
  const checks: Check[] = [
    {
      ok: before.status === 200 && after.status === 200 && added.length === 0 && growth < METRICS_GROWTH_LIMIT,
      text: `/metrics ${before.bytes} B before ${requests} junk requests, ${after.bytes} B after (limit +${METRICS_GROWTH_LIMIT} B), ${added.length} route labels added${added.length ? `: ${added.slice(0, 3).join(", ")}` : ""}`,
    },
    {
      ok: after.ms < SCRAPE_LIMIT_MS,
      text: `a scrape of /metrics after them took ${after.ms} ms (limit ${SCRAPE_LIMIT_MS} ms)`,
    },
    { ok: open.status === 401 || open.status === 403, text: `/metrics without the token: ${open.status}` },
  ];
  return { result, checks };
}

export async function probeForwardedFor(port: number, guesses: number) {
  const direct = new RawClient(port);
  const proxy = new RawClient(port, PROXY_ADDRESS);
  const login = (client: RawClient, username: string, password: string, forwardedFor: string) =>
    client.send({
      method: "POST",
      path: "/api/auth/login",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor },
      body: JSON.stringify({ username, password }),
    });
  const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const guess = async (client: RawClient, user: string, forwardedFor: () => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < guesses; i++) statuses.push((await login(client, user, `guess-${i}`, forwardedFor())).status);
    return statuses;
  };
  const slowed = (statuses: number[]) => {
    const t = tally(statuses);
    return (t[401] ?? 0) <= FREE_GUESSES && (t[429] ?? 0) + (t[401] ?? 0) === statuses.length;
  };

  // Straight from the internet (127.0.0.1 is not a trusted proxy): a forged header is not believed.
  const [ben, benPassword] = PROBE_ACCOUNTS.direct;
  const directGuesses = await guess(direct, ben, randomAddress);
  const directRight = (await login(direct, ben, benPassword, randomAddress())).status;

  // Through the trusted proxy: it appends the attacker's real address after the forged entries,
  // some of which name the victim's own address.
  const [anna, annaPassword] = PROBE_ACCOUNTS.proxied;
  const attacker = "198.51.100.7";
  const victim = "192.0.2.10";
  const forged = () => `${randomInt(3) === 0 ? victim : randomAddress()}, ${attacker}`;
  const proxiedGuesses = await guess(proxy, anna, forged);
  const proxiedRight = (await login(proxy, anna, annaPassword, forged())).status;
  const owner: RawResponse = await login(proxy, anna, annaPassword, victim);
  direct.close();
  proxy.close();

  const result = {
    guesses,
    direct: { statuses: tally(directGuesses), rightPassword: directRight },
    proxied: { statuses: tally(proxiedGuesses), rightPassword: proxiedRight },
    ownerSignIn: owner.status,
  };
  const checks: Check[] = [
    {
      ok: slowed(directGuesses) && directRight === 429,
      text: `${guesses} sign-in guesses, each with a new X-Forwarded-For: ${JSON.stringify(result.direct.statuses)}, then the right password ${directRight} (must be 429)`,
    },
    {
      ok: slowed(proxiedGuesses) && proxiedRight === 429,
      text: `${guesses} guesses through the trusted proxy with forged first entries: ${JSON.stringify(result.proxied.statuses)}, then the right password ${proxiedRight} (must be 429)`,
    },
    { ok: owner.status === 200, text: `the owner of the forged address ${victim} signs in: ${owner.status}` },
  ];
  return { result, checks };
}
