// A callback worker killed with SIGKILL right after claiming: the claim's lease runs out,
// another worker takes the request, and it is dialled and done exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "./support/clock.ts";
import { killed, startProcess, waitFor } from "./support/child-process.ts";
import { givenAgents } from "./support/scenario.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, TEST_AUTH_TOKEN, type TestServer } from "./support/test-server.ts";

describe.skipIf(!process.env.DATABASE_URL)("callback workers on PostgreSQL (set DATABASE_URL to run)", () => {
  let s: TestServices;
  let server: TestServer;
  const children: ReturnType<typeof startProcess>[] = [];

  beforeAll(async () => {
    // Operational settings live in the database: the lease the workers use is set here.
    s = await createTestServices("postgres", new FakeClock(), { CALLBACK_LEASE_SECONDS: "3" });
    // The dialler's path: with callback offers the agent's desk would ring instead (desk-callbacks test).
    server = await startTestServer(s, { CALLBACK_OFFERS: "off" });
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map(killed));
    await server?.close();
    await s?.dispose();
  });

  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: s.databaseUrl!,
    PUBLIC_BASE_URL: server.url,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    CALLBACK_LEASE_SECONDS: "3",
    EMULATED_CALLEE: "answer",
    CALLBACK_OFFERS: "off",
    HOTLINE_OPENS: "00:00",
    HOTLINE_CLOSES: "23:59",
    ...extra,
  });

  it("when a worker is killed mid-claim, then the callback is dialled and done exactly once", async () => {
    await givenAgents(s, 1);
    const { request } = await s.callbacks.register({
      phone: "+4952415550000",
      phoneSource: "caller-id",
      language: "de",
      reason: "agent",
      birthYear: 1935,
      hasCode: false,
      context: {},
      holdId: null,
      originCallSid: null,
    });
    const doomed = startProcess("ivr/src/worker.ts", workerEnv({ WORKER_PAUSE_AFTER_CLAIM_MS: "60000" }));
    children.push(doomed);
    await waitFor("the first worker's claim", async () => (await s.callbacks.find(request.id))?.status === "claimed");
    doomed.kill("SIGKILL");
    await killed(doomed);
    expect(await s.db.prisma.callbackAttempt.count()).toBe(0);

    const survivor = startProcess("ivr/src/worker.ts", workerEnv());
    children.push(survivor);
    const done = await waitFor("the callback to be done", async () => {
      const r = await s.callbacks.find(request.id);
      return r?.status === "done" ? r : null;
    });
    expect(done).toMatchObject({ status: "done", outcome: "connected", attempts: 2 });
    // Give a stray second dial time to show up, then count: one call placed, one answer.
    await new Promise((r) => setTimeout(r, 1_500));
    const attempts = await s.db.prisma.callbackAttempt.findMany({ where: { requestId: request.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "answered" });
    expect(attempts[0]!.claimedBy).toMatch(/:worker$/);
  });
});
