// Call control on an answered call: it runs in a conference of its own (named after the
// caller's CallSid), so the agent can hold the caller (with music) and mute themselves, hand
// the call to a colleague or a supervisor (cold, or warm after a consult while the caller
// hears music), and a supervisor can listen, whisper to the agent (coach) and barge in. Every
// leg is a row (call-leg-store.ts); telephony moves the real legs; a supervisor's every
// monitoring step is audited.
import type {
  CallControlView,
  LiveCallView,
  MonitorMode,
  TransferMode,
  TransferTarget,
} from "../../contracts/call-control.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ledger/ledger.ts";
import type { Telephony } from "../telephony/telephony.ts";
import type { AgentDesk } from "./agent-desk.ts";
import { conversationView } from "./agent-desk.ts";
import type { AgentRecord, AgentStore } from "./agent-store.ts";
import type { CallLegRecord, CallLegStore } from "./call-leg-store.ts";
import type { ConversationRecord } from "./routing-store.ts";

export type ConferenceTelephony = Pick<Telephony, "joinConference" | "updateConferenceLeg" | "leaveConference">;

export interface CallControlDeps {
  desk: AgentDesk;
  agents: AgentStore;
  legs: CallLegStore;
  telephony: ConferenceTelephony;
  clock: Clock;
  /** Audit trail of supervisors' actions (supervisor_action). */
  audit: (agentId: string, action: string, details: Record<string, unknown>) => Promise<void>;
  /** Where the caller's hold music comes from (HOLD_MUSIC_URL). */
  holdMusicUrl: string;
  /** Finds a queued call's record, for the screen pop of the agent a call is transferred to. */
  findCall: AgentDesk["current"];
  /**
   * A callback's callee was handed to a colleague: the callback is done (the callee was
   * reached), else its claim would lapse and the callee be called again.
   */
  callbackHandedOver?: (callbackId: number, agentId: string) => Promise<void>;
}

const isFree = (a: AgentRecord) => (a.role === "supervisor" ? a.state !== "offline" : a.state === "available");

/** The conference of an answered call: one per caller, named after their CallSid. */
export const conferenceName = (callSid: string) => `call-${callSid}`;
/** A person's leg in the conference. */
export const legLabel = (leg: Pick<CallLegRecord, "role" | "agentId">) =>
  leg.role === "caller" ? "caller" : `agent-${leg.agentId}`;

export class CallControl {
  constructor(private readonly deps: CallControlDeps) {}

  /**
   * The caller was moved into their conference (the Bridge's redirect): the caller's leg and the
   * agent's are recorded, and the agent's softphone is dialled into it.
   */
  async connect(callSid: string, agentId: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.legs.join({ callSid, role: "caller", agentId: null }, now);
    await this.addLeg(callSid, "agent", agentId);
  }

  /**
   * A callback the agent dialled was answered (its answer webhook): if the agent is still
   * working that callback, the callee goes into a conference of their own like an inbound
   * caller, the agent's softphone joins it, and hold, transfer and a supervisor's listening work
   * alike. False when the callback is no longer the agent's (the callee then gets the plain
   * <Dial> to the agent, as before).
   */
  async connectCallback(callSid: string, agentId: string, callbackId: number): Promise<boolean> {
    const { desk } = this.deps;
    const conversation = await desk.routing.current(agentId);
    if (!conversation || conversation.endedAt || conversation.callbackId !== callbackId) return false;
    await desk.routing.setCallSid(conversation.id, callSid);
    // Still "on-call": the agent's current call is the callee's now (calls in progress, transfer).
    await desk.moveTo(agentId, "on-call", { callSid, callbackId });
    await this.connect(callSid, agentId);
    desk.notifier.conversation(agentId, await desk.conversation(agentId));
    await this.changed(callSid);
    return true;
  }

  /** The call was ended at the desk: the caller is hung up, which ends the conference, and every leg is gone. */
  async callEnded(callSid: string): Promise<void> {
    const before = await this.deps.legs.open(callSid);
    if (await this.deps.legs.closeCall(callSid, this.deps.clock.now())) {
      await this.deps.telephony.leaveConference(conferenceName(callSid), "caller");
      await this.changed(callSid, before);
    }
  }

  async view(callSid: string): Promise<CallControlView> {
    const legs = await this.deps.legs.open(callSid);
    const caller = legs.find((l) => l.role === "caller");
    const agent = legs.find((l) => l.role === "agent");
    const consult = legs.find((l) => l.role === "consult");
    return {
      callSid,
      agentId: agent?.agentId ?? null,
      held: caller?.held ?? false,
      muted: agent?.muted ?? false,
      consult: consult?.agentId ? { agentId: consult.agentId } : null,
      monitors: legs
        .filter((l) => l.role === "supervisor" && l.agentId)
        .map((l) => ({ agentId: l.agentId!, mode: l.mode ?? "listen" })),
    };
  }

  /** Who could take the agent's call now: agents who are "Verfügbar", supervisors signed in. */
  async targets(by: AgentRecord): Promise<TransferTarget[]> {
    const all = await this.deps.agents.all();
    // A centre's reception account takes no calls.
    const takesCalls = (a: AgentRecord): a is AgentRecord & { role: TransferTarget["role"] } => a.role !== "centre";
    return all
      .filter((a) => a.id !== by.id && !a.disabledAt && takesCalls(a) && isFree(a))
      .map((a) => ({ id: a.id, name: a.displayName, role: a.role as TransferTarget["role"] }));
  }

  /** Calls agents are talking in right now, for a supervisor to listen to. */
  async liveCalls(): Promise<LiveCallView[]> {
    const all = await this.deps.agents.all();
    const talking = all.filter((a) => a.state === "on-call" && a.currentCallSid);
    return Promise.all(
      talking.map(async (a) => ({
        agentId: a.id,
        agentName: a.displayName,
        since: a.stateSince.toISOString(),
        control: await this.view(a.currentCallSid!),
      })),
    );
  }

  /** The caller on hold (hearing the hold music) or back. Only the call's agent. */
  async hold(by: AgentRecord, callSid: string, held: boolean): Promise<CallControlView> {
    const { legs } = await this.owned(by, callSid);
    const caller = legs.find((l) => l.role === "caller");
    if (!caller) throw new DomainError("call_not_live");
    await this.deps.telephony.updateConferenceLeg(conferenceName(callSid), "caller", {
      hold: held,
      ...(held ? { holdUrl: this.deps.holdMusicUrl } : {}),
    });
    await this.deps.legs.update(caller.id, { held });
    // Only a change is history: "Halten" pressed twice is one hold.
    if (caller.held !== held) await this.deps.agents.recordHold(by.id, held, this.deps.clock.now());
    return this.changed(callSid);
  }

  /** The agent's microphone off or on. */
  async mute(by: AgentRecord, callSid: string, muted: boolean): Promise<CallControlView> {
    const { mine } = await this.owned(by, callSid);
    await this.deps.telephony.updateConferenceLeg(conferenceName(callSid), legLabel(mine), { muted });
    await this.deps.legs.update(mine.id, { muted });
    return this.changed(callSid);
  }

  /**
   * Cold: the colleague (an agent who is "Verfügbar", or a supervisor) takes the call at once,
   * the agent goes to wrap-up. Warm: the caller is held and the colleague joins to be consulted;
   * `completeTransfer` hands the call over, `cancelTransfer` sends the colleague away.
   */
  async transfer(by: AgentRecord, callSid: string, to: string, mode: TransferMode): Promise<CallControlView> {
    const { legs, conversation } = await this.owned(by, callSid);
    if (legs.some((l) => l.role === "consult")) throw new DomainError("transfer_pending");
    const target = await this.target(by, to);
    if (mode === "cold") {
      await this.handOver(conversation, legs, target.id, null);
      return this.changed(callSid, legs);
    }
    if (!legs.find((l) => l.role === "caller")?.held) await this.hold(by, callSid, true);
    await this.deps.desk.withdrawOffer(target.id);
    await this.addLeg(callSid, "consult", target.id);
    // Ringing for a consult is no time to be offered a caller.
    await this.deps.desk.moveTo(target.id, "on-call", { callSid: null });
    // The colleague sees whom they are asked to take (the call panel shows it as a consult).
    const context = await this.deps.findCall(by);
    if (context) this.deps.desk.notifier.callAssigned(target.id, context);
    return this.changed(callSid);
  }

  async completeTransfer(by: AgentRecord, callSid: string): Promise<CallControlView> {
    const { legs, conversation } = await this.owned(by, callSid);
    const consult = legs.find((l) => l.role === "consult");
    if (!consult?.agentId) throw new DomainError("no_consult");
    await this.handOver(conversation, legs, consult.agentId, consult);
    return this.changed(callSid, legs);
  }

  async cancelTransfer(by: AgentRecord, callSid: string): Promise<CallControlView> {
    const { legs } = await this.owned(by, callSid);
    const consult = legs.find((l) => l.role === "consult");
    if (!consult?.agentId) throw new DomainError("no_consult");
    await this.removeLeg(callSid, consult);
    await this.deps.desk.moveTo(consult.agentId, "available");
    this.deps.desk.notifier.callEnded(consult.agentId, callSid);
    await this.hold(by, callSid, false);
    return this.changed(callSid, legs);
  }

  /**
   * A supervisor joins a call: muted to listen, coaching the agent to whisper (only the agent
   * hears), unmuted to barge (everyone hears). Again on the same call changes the mode.
   */
  async monitor(by: AgentRecord, callSid: string, mode: MonitorMode): Promise<CallControlView> {
    const legs = await this.deps.legs.open(callSid);
    const agent = legs.find((l) => l.role === "agent");
    if (!agent?.agentId) throw new DomainError("call_not_live");
    const mine = legs.find((l) => l.role === "supervisor" && l.agentId === by.id);
    const conference = conferenceName(callSid);
    const muted = mode === "listen";
    const coach = mode === "whisper" ? (agent.legSid ?? undefined) : undefined;
    if (!mine) {
      const leg = await this.deps.legs.join(
        { callSid, role: "supervisor", agentId: by.id, mode },
        this.deps.clock.now(),
      );
      if (!leg) throw new DomainError("already_in_call");
      const joined = await this.deps.telephony.joinConference(conference, {
        to: `client:${by.id}`,
        label: legLabel(leg),
        muted,
        ...(coach ? { coach } : {}),
      });
      await this.deps.legs.setLegSid(leg.id, joined.callSid);
      await this.deps.legs.update(leg.id, { muted });
    } else {
      await this.deps.telephony.updateConferenceLeg(conference, legLabel(mine), { muted, coach: coach ?? null });
      await this.deps.legs.update(mine.id, { mode, muted });
    }
    await this.deps.audit(by.id, `monitor.${mode}`, { callSid, agentId: agent.agentId });
    return this.changed(callSid);
  }

  /** The supervisor leaves the call they monitor. */
  async stopMonitoring(by: AgentRecord, callSid: string): Promise<CallControlView> {
    const mine = (await this.deps.legs.open(callSid)).find((l) => l.role === "supervisor" && l.agentId === by.id);
    if (!mine) throw new DomainError("call_not_live");
    await this.removeLeg(callSid, mine);
    await this.deps.audit(by.id, "monitor.end", { callSid });
    return this.changed(callSid, [mine]);
  }

  /**
   * The call's control state after a change, pushed to everyone in the call, to those in
   * `before` (who may just have left it) and to the supervisors, so no screen needs a reload.
   */
  private async changed(callSid: string, before: Pick<CallLegRecord, "agentId">[] = []): Promise<CallControlView> {
    const view = await this.view(callSid);
    const people = [view.agentId, view.consult?.agentId, ...view.monitors.map((m) => m.agentId)];
    for (const leg of before) people.push(leg.agentId);
    this.deps.desk.notifier.callControl(
      view,
      people.filter((id): id is string => !!id),
    );
    return view;
  }

  /** The call is the agent's live conversation, in its conference; else refused. */
  private async owned(by: AgentRecord, callSid: string) {
    const conversation = await this.deps.desk.routing.current(by.id);
    if (!conversation || conversation.callSid !== callSid || conversation.endedAt)
      throw new DomainError("call_not_yours");
    const legs = await this.deps.legs.open(callSid);
    const mine = legs.find((l) => l.role === "agent" && l.agentId === by.id);
    if (!mine) throw new DomainError("call_not_live");
    return { conversation, legs, mine };
  }

  private async target(by: AgentRecord, to: string): Promise<AgentRecord> {
    const target = to === by.id ? null : await this.deps.agents.find(to);
    if (!target || target.disabledAt) throw new DomainError("target_busy");
    if (!isFree(target) || (await this.deps.desk.routing.current(target.id))) throw new DomainError("target_busy");
    return target;
  }

  /** The call becomes the colleague's conversation; the agent leaves and goes to wrap-up. */
  private async handOver(
    conversation: ConversationRecord,
    legs: CallLegRecord[],
    to: string,
    consult: CallLegRecord | null,
  ): Promise<void> {
    const { desk, clock } = this.deps;
    const callSid = conversation.callSid!;
    const now = clock.now();
    await desk.withdrawOffer(to);
    const next = await desk.routing.openConversation(to, { kind: "call", callSid }, now);
    if (!next) throw new DomainError("target_busy");
    const conference = conferenceName(callSid);
    if (consult) {
      await this.deps.telephony.updateConferenceLeg(conference, legLabel(consult), { endsCall: true });
      await this.deps.legs.update(consult.id, { role: "agent" });
    } else {
      try {
        await this.addLeg(callSid, "agent", to);
      } catch (error) {
        await desk.routing.discard(next.id);
        throw error;
      }
    }
    await this.deps.legs.handOver(callSid, to);
    const mine = legs.find((l) => l.role === "agent" && l.agentId === conversation.agentId);
    if (mine) {
      // The agent's leg ends the call when it hangs up; handing over, it must not.
      await this.deps.telephony.updateConferenceLeg(conference, legLabel(mine), { endsCall: false });
      await this.removeLeg(callSid, mine);
    }
    if (legs.find((l) => l.role === "caller")?.held) {
      await this.deps.telephony.updateConferenceLeg(conference, "caller", { hold: false });
      await this.deps.legs.update(legs.find((l) => l.role === "caller")!.id, { held: false });
    }
    await desk.endConversation(conversation, { note: null });
    if (conversation.callbackId !== null)
      await this.deps.callbackHandedOver?.(conversation.callbackId, conversation.agentId);
    desk.notifier.callEnded(conversation.agentId, callSid);
    const agent = await desk.moveTo(to, "on-call", { callSid });
    desk.notifier.conversation(to, conversationView(next));
    const context = await this.deps.findCall(agent);
    if (context) desk.notifier.callAssigned(to, context);
  }

  private async addLeg(callSid: string, role: "agent" | "consult", agentId: string): Promise<CallLegRecord> {
    const leg = await this.deps.legs.join({ callSid, role, agentId }, this.deps.clock.now());
    if (!leg) throw new DomainError("target_busy");
    const joined = await this.deps.telephony.joinConference(conferenceName(callSid), {
      to: `client:${agentId}`,
      label: legLabel(leg),
      // The agent hanging up the softphone ends the call, as with a plain <Dial>; a consulted
      // colleague hanging up does not.
      endsCall: role === "agent",
    });
    await this.deps.legs.setLegSid(leg.id, joined.callSid);
    return { ...leg, legSid: joined.callSid };
  }

  private async removeLeg(callSid: string, leg: CallLegRecord): Promise<void> {
    await this.deps.telephony.leaveConference(conferenceName(callSid), legLabel(leg));
    await this.deps.legs.leave(leg.id, this.deps.clock.now());
  }
}
