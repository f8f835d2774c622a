// A server process started while PostgreSQL is down still answers Twilio: every webhook gets an
// apology that leads to the fallback, which journals the caller's number; once the database is
// reachable the process serves in full and the journaled number becomes a callback request.
// PostgreSQL only: the embedded database cannot be "down".
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer as createNetServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { signTwilioRequest } from "../../scripts/phone/call-emulator.ts";
import { killed, startProcess, waitFor } from "./support/child-process.ts";
import { createTestDatabase } from "./support/test-services.ts";
import { TEST_AUTH_TOKEN } from "./support/test-server.ts";

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

/** A TCP relay to PostgreSQL that can be switched on later: "the database comes back". */
function relayTo(target: URL, port: number): Promise<{ close(): Promise<void> }> {
  const open = new Set<Socket>();
  const relay: Server = createNetServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      relay.close(() => resolve());
    });
  return new Promise((resolve) => relay.listen(port, "127.0.0.1", () => resolve({ close })));
}

describe.skipIf(!process.env.DATABASE_URL)("a server started while PostgreSQL is down (PostgreSQL only)", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("when the database is unreachable at start, then Twilio still gets the fallback, and the process serves in full once it is back", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const journalDir = mkdtempSync(join(tmpdir(), "journal-"));
    cleanups.push(() => rmSync(journalDir, { recursive: true, force: true }));
    const [relayPort, port] = [await freePort(), await freePort()];
    const viaRelay = new URL(db.url);
    viaRelay.port = String(relayPort);
    const base = `http://127.0.0.1:${port}`;
    const child = startProcess("ivr/src/main.ts", {
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_BASE_URL: base,
      DATABASE_URL: viaRelay.toString(),
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      JOURNAL_DIR: journalDir,
      SEED_WEEKS: "1",
      REDIS_URL: "",
      LOG_LEVEL: "error",
    });
    cleanups.push(async () => {
      child.kill("SIGKILL");
      await killed(child);
    });
    const webhook = async (path: string, params: Record<string, string>) => {
      const res = await fetch(base + path, {
        method: "POST",
        headers: {
          "x-twilio-signature": signTwilioRequest(TEST_AUTH_TOKEN, base + path, params),
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(params),
      });
      return { status: res.status, body: await res.text() };
    };
    const call = { CallSid: "CA00000000000000000000000000d0e001", From: "+4952411234567", To: "+498001161170" };

    // Down: the process is up anyway, says so on /healthz, and answers every webhook.
    const health = await waitFor("the process to answer", () =>
      fetch(`${base}/healthz`).then(
        (r) => r,
        () => null,
      ),
    );
    expect(health.status).toBe(503);
    const incoming = await webhook("/voice/incoming", call);
    expect(incoming.status).toBe(200);
    expect(incoming.body).toMatch(/<Redirect[^>]*>\/voice\/fallback<\/Redirect>/);
    const fallback = await webhook("/voice/fallback", call);
    expect(fallback.body).toMatch(/0 5 2 4 1 1 2 3 4 5 6 7/);
    const choice = await webhook("/voice/fallback/choice", { ...call, Digits: "1" });
    expect(choice.body).toMatch(/gespeichert/);
    const [journal] = readdirSync(journalDir);
    // A caller's phone number on disk: readable by the service's user only.
    expect(statSync(join(journalDir, journal!)).mode & 0o777).toBe(0o600);

    // Back: the same process migrates, serves in full, and replays the journaled number.
    const relay = await relayTo(new URL(db.url), relayPort);
    cleanups.push(() => relay.close());
    await waitFor("the process to serve in full", async () => (await fetch(`${base}/healthz`)).status === 200, 60_000);
    const full = await webhook("/voice/incoming", { ...call, CallSid: "CA0000000000000000000000000000a001" });
    expect(full.body).toMatch(/Guten Tag/);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.push(() => client.end());
    const replayed = await waitFor(
      "the journaled number to become a callback request",
      async () => {
        const { rows } = await client.query("SELECT phone, reason FROM callback_request");
        return rows.length > 0 ? rows : null;
      },
      30_000,
    );
    expect(replayed).toEqual([{ phone: "+4952411234567", reason: "fallback" }]);
    // Replayed, the file goes: the number now lives only in the database.
    await waitFor("the replayed journal file to be deleted", async () => readdirSync(journalDir).length === 0);
  });
});
