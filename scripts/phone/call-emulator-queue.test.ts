import { describe, expect, it } from "vitest";
import { ScriptedCaller } from "./call-emulator.ts";
import { twiml, useFakeTwimlServer } from "./fake-twiml-server.ts";

const fake = useFakeTwimlServer();
const emulator = fake.emulator;
const paths = fake.paths;

describe("CallEmulator queues", () => {
  it("plays the Enqueue waitUrl, hands control back as queued, and bridges", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Say>Bitte warten.</Say><Enqueue waitUrl="/voice/wait" action="/voice/after-queue">hotline-de</Enqueue>`),
    );
    fake.server.route("/voice/wait", (p) => twiml(`<Say>Position ${p.QueuePosition}.</Say><Pause length="10"/>`));
    fake.server.route("/voice/after-queue", (p) => twiml(`<Say>Ergebnis ${p.QueueResult}.</Say>`));
    const call = emulator({ maxWaitLoops: 2, queue: { position: 3 } });
    expect(await call.run()).toBe("queued");
    expect(call.events.find((e) => e.type === "enqueue")).toMatchObject({ queue: "hotline-de" });
    const waits = fake.server.received.filter((r) => r.path === "/voice/wait");
    expect(waits).toHaveLength(2);
    expect(waits[0]?.params).toMatchObject({
      QueuePosition: "3",
      CurrentQueueSize: "3",
      QueueTime: "0",
    });
    expect(waits[0]?.params.QueueSid).toMatch(/^QU[0-9a-f]{32}$/);
    expect(Number(waits[1]?.params.QueueTime)).toBeGreaterThanOrEqual(10);
    expect(await call.bridgeToAgent()).toBe("completed");
    expect(fake.server.received.at(-2)?.params).toMatchObject({ QueueResult: "bridged" });
    expect(call.spokenText()).toContain("Ergebnis bridged.");
  });

  it("lets a Gather in the wait loop take the caller out of the queue", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue waitUrl="/voice/wait" action="/voice/after-queue">q</Enqueue>`),
    );
    fake.server.route(
      "/voice/wait",
      twiml(`<Gather action="/voice/wait-choice" numDigits="1"><Say>Für Rückruf die 1.</Say></Gather>`),
    );
    fake.server.route("/voice/wait-choice", (p) => twiml(p.Digits === "1" ? `<Leave/>` : `<Say>Weiter warten.</Say>`));
    fake.server.route("/voice/after-queue", (p) => twiml(`<Say>${p.QueueResult}</Say><Hangup/>`));
    const call = emulator();
    expect(await call.run(new ScriptedCaller(["2", "1"]))).toBe("completed");
    expect(call.spokenText()).toBe("Für Rückruf die 1.\nWeiter warten.\nFür Rückruf die 1.\nleave");
    const prompt = call.lastPrompt();
    expect(prompt?.kind === "gather" && prompt.inQueue).toBe(true);
  });

  it("leaveQueue('hangup') reports the abandoned call to the action and ends", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue action="/voice/after-queue">q</Enqueue><Say>not reached</Say>`),
    );
    fake.server.route("/voice/after-queue", twiml(`<Say>ignored</Say>`));
    const call = emulator();
    expect(await call.run()).toBe("queued");
    expect(await call.leaveQueue("hangup")).toBe("completed");
    expect(paths()).toEqual(["/voice/incoming", "/voice/after-queue", "/voice/status"]);
    expect(call.spokenText()).toBe("");
    await expect(call.leaveQueue()).rejects.toThrow(/not in a queue/);
  });

  it("re-requests the waitUrl and refuses verbs Twilio does not allow there", async () => {
    fake.server.route("/voice/incoming", twiml(`<Enqueue waitUrl="/voice/wait" waitUrlMethod="POST">q</Enqueue>`));
    fake.server.route("/voice/wait", twiml(`<Play>https://example.com/music.mp3</Play>`));
    const call = emulator({ maxWaitLoops: 2 });
    expect(await call.run()).toBe("queued");
    expect(fake.server.received.filter((r) => r.path === "/voice/wait").map((r) => r.method)).toEqual(["POST", "POST"]);
    fake.server.route("/voice/wait", twiml(`<Record/>`));
    await expect(emulator().run()).rejects.toThrow(/<Record> is not allowed in a queue waitUrl document/);
  });

  it("continues after <Enqueue> when it has no action", async () => {
    fake.server.route(
      "/voice/incoming",
      twiml(`<Enqueue waitUrl="/voice/wait">q</Enqueue><Say>Danke fürs Warten.</Say>`),
    );
    fake.server.route("/voice/wait", twiml(`<Leave/>`));
    const call = emulator();
    expect(await call.run()).toBe("completed");
    expect(call.spokenText()).toBe("Danke fürs Warten.");
    expect(call.events.map((e) => e.type)).toContain("dequeue");
  });
});
