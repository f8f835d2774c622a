// Two probes after the attack (issue 15): junk paths must not add labels to /metrics; sign-in guesses
// that each carry a new X-Forwarded-For must be slowed (429) as one address, directly and through
// the trusted proxy 127.0.0.2, while the real owner of a forged address can still sign in.
import { randomBytes, randomInt } from "node:crypto";
import { send } from "./raw-http.ts";

const PROXY = "127.0.0.2";
const METRICS_TOKEN = "fault-hostile-metrics-token-0123456789";
const METRICS = { method: "GET", path: "/metrics", headers: { Authorization: `Bearer ${METRICS_TOKEN}` } };
const PASSWORDS = { ben: "pw-ben-fault-1", anna: "pw-anna-fault-1" };
export const PROBE_ENV = {
  METRICS_TOKEN,
  TRUST_PROXY: PROXY,
  AGENT_ACCOUNTS: `ben:ben (fault probe):${PASSWORDS.ben},anna:anna (fault probe):${PASSWORDS.anna}`,
};
const GROWTH_LIMIT = 8_000; // one new series each for the 404s and the 403s is about 4 KB
const FREE_GUESSES = 8; // 5 per name and address, plus the 1 s, 2 s and 4 s waits running out meanwhile

const tally = (list: number[]) => list.reduce<Record<string, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
const routes = (metrics: string) => new Set([...metrics.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));

export async function probeMetrics(port: number, requests: number) {
  await send(port, METRICS); // the scrape's own label first
  const before = await send(port, METRICS);
  // Half GET /api/x<random>, half unsigned POST /voice/x<random>, 25 at a time.
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests; i = next++) {
      const path = `/${i % 2 ? "api" : "voice"}/x${randomBytes(6).toString("hex")}`;
      const post = { path, headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "CallSid=CA1" };
      statuses.push((await send(port, i % 2 ? { method: "GET", path, headers: {} } : post)).status);
    }
  };
  await Promise.all(Array.from({ length: 25 }, worker));
  const after = await send(port, METRICS);
  const withoutToken = (await send(port, { ...METRICS, headers: {} })).status;
  const added = [...routes(after.body)].filter((r) => !routes(before.body).has(r) && r !== "other");
  const [bytesBefore, bytesAfter, scrapeMs] = [before.body.length, after.body.length, Math.round(after.ms)];
  const checks = [
    {
      ok: before.status === 200 && after.status === 200 && !added.length && bytesAfter - bytesBefore < GROWTH_LIMIT,
      text: `/metrics ${bytesBefore} B before ${requests} junk requests, ${bytesAfter} B after (limit +${GROWTH_LIMIT} B), ${added.length} route labels added ${added.slice(0, 3).join(" ")}`,
    },
    { ok: scrapeMs < 1000, text: `a scrape of /metrics after them took ${scrapeMs} ms (limit 1000 ms)` },
    { ok: withoutToken === 401 || withoutToken === 403, text: `/metrics without the token: ${withoutToken}` },
  ];
  const result = { requests, bytesBefore, bytesAfter, labelsAdded: added.length, scrapeMs, withoutToken };
  return { result: { ...result, statuses: tally(statuses) }, checks };
}

export async function probeForwardedFor(port: number, guesses: number) {
  const login = async (user: keyof typeof PASSWORDS, password: string, forwardedFor: string, from?: string) => {
    const headers = { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor };
    const body = JSON.stringify({ username: user, password });
    return (await send(port, { path: "/api/auth/login", headers, body }, from)).status;
  };
  const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  // `guesses` sign-ins, the 6th with the right password: sent at once after the 5th failure, during
  // the 1 s wait that failure starts (after the last guess, that wait may just have run out).
  const guess = async (user: keyof typeof PASSWORDS, forwardedFor: () => string, from?: string) => {
    const list: number[] = [];
    for (let i = 0; i < guesses; i++)
      list.push(await login(user, i === 5 ? PASSWORDS[user] : `guess-${i}`, forwardedFor(), from));
    const [statuses, rightPassword] = [tally(list), list[5]];
    const ok = (statuses[401] ?? 0) <= FREE_GUESSES && list.every((s) => s === 401 || s === 429);
    return { statuses, rightPassword, ok: ok && rightPassword === 429 };
  };
  // Straight from 127.0.0.1, not a trusted proxy: a forged header is not believed.
  const direct = await guess("ben", randomAddress);
  // Through the trusted proxy, which appends the attacker's real address after forged entries,
  // some naming the victim's own address.
  const victim = "192.0.2.10";
  const proxied = await guess("anna", () => `${randomInt(3) ? randomAddress() : victim}, 198.51.100.7`, PROXY);
  const ownerSignIn = await login("anna", PASSWORDS.anna, victim, PROXY);
  const said = (r: typeof direct) => `${JSON.stringify(r.statuses)}, the right password (6th) ${r.rightPassword}`;
  const checks = [
    { ok: direct.ok, text: `${guesses} sign-in guesses, each with a new X-Forwarded-For: ${said(direct)}` },
    { ok: proxied.ok, text: `${guesses} guesses through the trusted proxy, forged first entries: ${said(proxied)}` },
    { ok: ownerSignIn === 200, text: `the owner of the forged address ${victim} signs in: ${ownerSignIn}` },
  ];
  const result = { guesses, direct: { ...direct, ok: undefined }, proxied: { ...proxied, ok: undefined }, ownerSignIn };
  return { result, checks };
}
