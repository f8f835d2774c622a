import { describe, expect, it } from "vitest";
import { agentActivity, type StateChange } from "./agent-activity.ts";

const at = (hhmmss: string) => new Date(`2021-01-25T${hhmmss}Z`);
const change = (agentId: string, state: string, time: string): StateChange => ({ agentId, state, at: at(time) });
const day = { from: at("00:00:00"), until: at("23:59:59") };

describe("agents' time by kind of work", () => {
  it("when an agent talks 4 min, holds 1 min, wraps up 2 min and waits 3 min, then each is counted", () => {
    const { periods, handledByAgent } = agentActivity(
      [
        change("anna", "available", "09:00:00"),
        change("anna", "on-call", "09:03:00"),
        change("anna", "on-hold", "09:05:00"),
        change("anna", "on-call", "09:06:00"),
        change("anna", "wrap-up", "09:08:00"),
        change("anna", "available", "09:10:00"),
        change("anna", "break", "09:10:30"),
      ],
      [day],
      at("09:20:00"),
    );
    expect(periods[0]).toEqual({
      talkSeconds: 240,
      holdSeconds: 60,
      wrapUpSeconds: 120,
      availableSeconds: 210,
      handled: 1,
      handledSeconds: 420,
    });
    expect(handledByAgent.get("anna")).toBe(1);
  });

  it("when a call follows straight after wrap-up, then they are two conversations", () => {
    const { periods } = agentActivity(
      [
        change("ben", "on-call", "10:00:00"),
        change("ben", "wrap-up", "10:05:00"),
        change("ben", "on-call", "10:06:00"),
        change("ben", "wrap-up", "10:09:00"),
        change("ben", "available", "10:10:00"),
      ],
      [day],
      at("10:30:00"),
    );
    expect(periods[0]).toMatchObject({ handled: 2, handledSeconds: 360 + 240 });
  });

  it("when a conversation is still in wrap-up, then it is not counted yet, but its time is", () => {
    const { periods, handledByAgent } = agentActivity(
      [change("anna", "on-call", "11:00:00"), change("anna", "wrap-up", "11:04:00")],
      [day],
      at("11:05:00"),
    );
    expect(periods[0]).toMatchObject({ talkSeconds: 240, wrapUpSeconds: 60, handled: 0 });
    expect(handledByAgent.get("anna")).toBeUndefined();
  });

  it("when a talk spans two quarter-hours, then its time is split and it counts where it ends", () => {
    const q1 = { from: at("09:00:00"), until: at("09:15:00") };
    const q2 = { from: at("09:15:00"), until: at("09:30:00") };
    const { periods } = agentActivity(
      [change("anna", "on-call", "09:10:00"), change("anna", "available", "09:20:00")],
      [q1, q2],
      at("09:30:00"),
    );
    expect(periods.map((p) => [p.talkSeconds, p.availableSeconds, p.handled])).toEqual([
      [300, 0, 0],
      [300, 600, 1],
    ]);
  });

  it("when the last change was before the period, then the agent's state at its start counts", () => {
    const { periods } = agentActivity(
      [change("anna", "available", "07:50:00")],
      [{ from: at("08:00:00"), until: at("08:15:00") }],
      at("08:10:00"),
    );
    expect(periods[0]!.availableSeconds).toBe(600);
  });

  it("when states are unknown (ringing, not ready), then they count for nothing", () => {
    const { periods } = agentActivity(
      [
        change("anna", "ringing", "09:00:00"),
        change("anna", "not-ready", "09:01:00"),
        change("anna", "offline", "09:02:00"),
      ],
      [day],
      at("09:10:00"),
    );
    expect(periods[0]).toEqual({
      talkSeconds: 0,
      holdSeconds: 0,
      wrapUpSeconds: 0,
      availableSeconds: 0,
      handled: 0,
      handledSeconds: 0,
    });
  });
});
