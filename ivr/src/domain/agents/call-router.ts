// Routing, one round at a time: offers that rang out make their agent "Nicht bereit
// (verpasst)"; offers whose caller left, whose callback was taken or whose agent went away stop
// ringing; calls whose caller hung up start their agent's wrap-up; wrap-ups past their time
// return the agent to "Verfügbar"; then waiting callers, and after them due callbacks, are
// offered to free agents. Every process runs rounds
// (each change is one conditional statement, so they never both win), and an offer's timeout
// is the database's row, so it holds when the process that made the offer dies.
import type { Clock } from "../ledger/ledger.ts";
import type { AgentDesk } from "./agent-desk.ts";
import type { AgentStore } from "./agent-store.ts";

/** Offers made per round at most (the next round, a second later, makes more). */
const OFFERS_PER_ROUND = 20;

export interface RoundReport {
  missed: number;
  withdrawn: number;
  hungUp: number;
  wrapUpsClosed: number;
  offered: number;
}

export class CallRouter {
  constructor(
    private readonly desk: AgentDesk,
    private readonly agents: AgentStore,
    private readonly clock: Clock,
    private readonly queueName: () => string,
  ) {}

  async round(): Promise<RoundReport> {
    const { routing, notifier, rules } = this.desk;
    const now = this.clock.now();

    const missed = await routing.expireOffers(now);
    for (const offer of missed) {
      notifier.offerEnded(offer.agentId, offer.id, "missed");
      const agent = await this.agents.find(offer.agentId);
      if (agent?.state === "available") await this.desk.moveTo(offer.agentId, "break", { reason: "missed" });
    }

    const withdrawn = await routing.withdrawStaleOffers(now);
    for (const offer of withdrawn) notifier.offerEnded(offer.agentId, offer.id, "withdrawn");

    const hungUp = await routing.endHungUp(now, rules.wrapUpSeconds);
    for (const conversation of hungUp) {
      await this.desk.moveTo(conversation.agentId, "wrap-up", { callSid: null });
      notifier.callEnded(conversation.agentId, conversation.callSid ?? "");
      notifier.conversation(conversation.agentId, await this.desk.conversation(conversation.agentId));
    }

    const closed = await routing.closeDueWrapUps(now);
    for (const conversation of closed) {
      notifier.conversation(conversation.agentId, null);
      const agent = await this.agents.find(conversation.agentId);
      if (agent?.state === "wrap-up") await this.desk.moveTo(conversation.agentId, "available");
    }

    let offered = 0;
    const offerRules = { queue: this.queueName(), ...rules };
    while (offered < OFFERS_PER_ROUND) {
      const offer = await routing.offerNext(offerRules, now);
      if (!offer) break;
      offered += 1;
      const view = await this.desk.offerView(offer);
      if (view) notifier.offered(offer.agentId, view);
    }
    // Callers on the line first; agents still free then ring for the callbacks that are due.
    while (rules.offerCallbacks && offered < OFFERS_PER_ROUND) {
      const offer = await routing.offerNextCallback(offerRules, now);
      if (!offer) break;
      offered += 1;
      const view = await this.desk.offerView(offer);
      if (view) notifier.offered(offer.agentId, view);
    }
    return {
      missed: missed.length,
      withdrawn: withdrawn.length,
      hungUp: hungUp.length,
      wrapUpsClosed: closed.length,
      offered,
    };
  }
}
