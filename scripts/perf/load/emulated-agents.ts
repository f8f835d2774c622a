// Emulated agents for bench:launch: each signs in to the console API, sets itself available,
// polls GET /api/agent/current for an offer (the desk's `offer:new` event carries the same),
// accepts it after a short reaction time, talks, ends the call, wraps up ("information") and is
// offered the next call. A share of offers (--miss-rate) is let ring out: the server then puts
// the agent to "Nicht bereit (verpasst)", and the agent sets itself available again after a pause.
//
// The switchboard stands in for Twilio's redirect of a queued call to the agent's softphone: the
// server's EmulatedTelephony.redirectCall only records it, and /voice/queue/wait keeps answering
// the wait loop for a bridged entry; so the agent who accepted tells the waiting persona caller
// (same process) that it is connected, and later that the agent ended the conversation.
import { sleep } from "../harness/command.ts";
import { mean, round } from "../harness/stats.ts";

const POLL_MS = 500;
/** The agent's pause in "Nicht bereit (verpasst)" before setting itself available again. */
const MISSED_PAUSE_MS = 3_000;

interface Line {
  connected: Promise<void>;
  ended: Promise<void>;
  connect(): void;
  end(): void;
  isConnected: boolean;
}

/** Queued callers by CallSid: an agent's accept connects them, the agent's end hangs them up. */
export class Switchboard {
  private readonly lines = new Map<string, Line>();

  /** A caller's line, made when the caller dials (before any agent can be offered the call). */
  line(callSid: string): Line {
    const existing = this.lines.get(callSid);
    if (existing) return existing;
    let connect = () => {};
    let end = () => {};
    const connected = new Promise<void>((resolve) => (connect = resolve));
    const ended = new Promise<void>((resolve) => (end = resolve));
    const made: Line = {
      connected,
      ended,
      isConnected: false,
      connect: () => {
        made.isConnected = true;
        connect();
      },
      end,
    };
    this.lines.set(callSid, made);
    return made;
  }

  /** The caller's call is over: forget the line. */
  hungUp(callSid: string): void {
    this.lines.delete(callSid);
  }
}

export interface AgentOptions {
  baseUrl: string;
  accounts: { id: string; password: string }[];
  switchboard: Switchboard;
  /** Talk time drawn uniformly from this range, seconds. */
  talkSeconds: [number, number];
  /** Reaction time before accepting an offer, seconds. */
  reactSeconds: [number, number];
  /** Wrap-up before choosing "information", seconds. */
  wrapUpSeconds: [number, number];
  /** Share of offers let ring out. */
  missRate: number;
}

export interface AgentTotals {
  agents: number;
  offers: number;
  accepted: number;
  missed: number;
  /** Accepts the server refused (the caller had left or another agent took the call): 409. */
  acceptRefused: number;
  /** Console API answers other than 2xx and the expected 409s, and transport errors. */
  apiErrors: number;
  apiErrorSamples: string[];
  /** Mean wait of the calls the agents accepted, enqueued → offer accepted, seconds. */
  avgSpeedOfAnswerSeconds: number | null;
  talkSeconds: number;
}

/** What GET /api/agent/current says of the call ringing at the desk (OfferView, in part). */
interface Offer {
  id: number;
  callSid: string;
  enqueuedAt: string;
}

const draw = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);

class Agent {
  private cookie = "";
  constructor(
    private readonly o: AgentOptions,
    private readonly totals: AgentTotals,
    private readonly waits: number[],
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Partial<T> | null }> {
    try {
      const res = await fetch(`${this.o.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(this.cookie ? { cookie: this.cookie } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("hotline_session="));
      if (cookie) this.cookie = cookie.split(";")[0]!;
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as Partial<T>) : null;
      if (res.status >= 300 && res.status !== 409) this.error(`${method} ${path} answered ${res.status}: ${text}`);
      return { status: res.status, body: parsed };
    } catch (error) {
      this.error(`${method} ${path}: ${String(error)}`);
      return { status: 0, body: null };
    }
  }

  private error(text: string): void {
    this.totals.apiErrors++;
    if (this.totals.apiErrorSamples.length < 5) this.totals.apiErrorSamples.push(text.slice(0, 300));
  }

  async signIn(id: string, password: string): Promise<void> {
    const res = await this.call("POST", "/api/auth/login", { username: id, password });
    if (res.status !== 200) throw new Error(`agent ${id} could not sign in: ${res.status}`);
    await this.call("POST", "/api/agent/state", { state: "available" });
  }

  /** Until `stop()` says so: wait for an offer, take it (or let it ring out), talk, wrap up. */
  async work(stop: () => boolean): Promise<void> {
    let lastOffer = 0;
    while (!stop()) {
      await sleep(POLL_MS * (0.5 + Math.random()));
      const current = await this.call<{ offer: Offer | null }>("GET", "/api/agent/current");
      const offer = current.body?.offer;
      if (!offer || offer.id === lastOffer) continue;
      lastOffer = offer.id;
      this.totals.offers++;
      if (Math.random() < this.o.missRate) {
        await this.missed();
        continue;
      }
      await sleep(draw(this.o.reactSeconds) * 1000);
      const accepted = await this.call("POST", `/api/offers/${offer.id}/accept`);
      if (accepted.status !== 200) {
        if (accepted.status === 409) this.totals.acceptRefused++;
        continue;
      }
      this.totals.accepted++;
      this.waits.push((Date.now() - Date.parse(offer.enqueuedAt)) / 1000);
      const line = this.o.switchboard.line(offer.callSid);
      line.connect();
      const talk = draw(this.o.talkSeconds);
      this.totals.talkSeconds += talk;
      await sleep(talk * 1000);
      await this.call("POST", `/api/calls/${encodeURIComponent(offer.callSid)}/end`);
      line.end();
      await sleep(draw(this.o.wrapUpSeconds) * 1000);
      await this.call("POST", "/api/wrap-up", { outcome: "information" });
    }
  }

  /** The offer rings out; the server sets "Nicht bereit (verpasst)"; available again after a pause. */
  private async missed(): Promise<void> {
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      await sleep(1_000);
      const me = await this.call<{ user: { state: string } }>("GET", "/api/auth/me");
      const user = me.body?.user;
      if (user?.state === "break") {
        this.totals.missed++;
        await sleep(MISSED_PAUSE_MS);
        await this.call("POST", "/api/agent/state", { state: "available" });
        return;
      }
      // Withdrawn (the caller left) or still ringing: a withdrawn offer leaves the agent available.
      const current = await this.call<{ offer: Offer | null }>("GET", "/api/agent/current");
      if (!current.body?.offer && user?.state === "available") return;
    }
  }

  signOff(): Promise<unknown> {
    return this.call("POST", "/api/agent/state", { state: "offline" });
  }
}

/** Signs every agent in; `stop()` ends their loops (each finishes its conversation and wrap-up). */
export async function startAgents(o: AgentOptions) {
  const totals: AgentTotals = {
    agents: o.accounts.length,
    offers: 0,
    accepted: 0,
    missed: 0,
    acceptRefused: 0,
    apiErrors: 0,
    apiErrorSamples: [],
    avgSpeedOfAnswerSeconds: null,
    talkSeconds: 0,
  };
  const waits: number[] = [];
  const agents = o.accounts.map(() => new Agent(o, totals, waits));
  await Promise.all(agents.map((a, i) => a.signIn(o.accounts[i]!.id, o.accounts[i]!.password)));
  let stopping = false;
  const loops = agents.map((a) => a.work(() => stopping));
  return {
    totals,
    async stop(): Promise<AgentTotals> {
      stopping = true;
      await Promise.all(loops);
      await Promise.all(agents.map((a) => a.signOff()));
      totals.avgSpeedOfAnswerSeconds = waits.length ? round(mean(waits), 1) : null;
      totals.talkSeconds = Math.round(totals.talkSeconds);
      return totals;
    },
  };
}

/** N accounts and their AGENT_ACCOUNTS spec ("bench-agent-1:Agent 1:<password>,…"). */
export function benchAccounts(n: number, prefix = "bench-agent") {
  const password = `${prefix}-password-01`;
  const accounts = Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i + 1}`, password }));
  return { accounts, spec: accounts.map((a, i) => `${a.id}:Agent ${i + 1}:${a.password}`).join(",") };
}
