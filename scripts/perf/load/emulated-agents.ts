// Emulated agents for bench:launch: each signs in to the console API, sets itself available, polls
// GET /api/agent/current for an offer, accepts it, talks, ends the call and wraps up. A share of
// offers (missRate) rings out: the server puts the agent on "break", it sets itself available again.
//
// The switchboard stands in for Twilio's redirect of a queued call to the agent's softphone (the
// server's emulated telephony only records it): the agent who accepted tells the waiting persona
// caller (same process) that it is connected, and later that the conversation is over.
import { sleep } from "../harness/command.ts";
import { mean, round } from "../harness/stats.ts";

export interface Line {
  connected: Promise<void>;
  ended: Promise<void>;
  isConnected: boolean;
  connect(): void;
  end(): void;
}

/** Queued callers by CallSid: an agent's accept connects them, the agent's end hangs them up. */
export class Switchboard {
  private readonly lines = new Map<string, Line>();

  line(callSid: string): Line {
    let line = this.lines.get(callSid);
    if (line) return line;
    const made = { isConnected: false } as Line;
    made.connected = new Promise((resolve) => (made.connect = () => ((made.isConnected = true), resolve())));
    made.ended = new Promise((resolve) => (made.end = resolve));
    this.lines.set(callSid, (line = made));
    return line;
  }

  hungUp(callSid: string): void {
    this.lines.delete(callSid);
  }
}

export interface AgentOptions {
  baseUrl: string;
  accounts: { id: string; password: string }[];
  switchboard: Switchboard;
  /** Talk time drawn uniformly from this range, seconds; reaction and wrap-up scale with quick. */
  talkSeconds: [number, number];
  missRate: number;
  quick: boolean;
}

export interface AgentTotals {
  offers: number;
  accepted: number;
  missed: number;
  /** Console API answers other than 2xx and the expected 409 (offer gone), and transport errors. */
  apiErrors: number;
  /** Mean wait of the accepted calls, enqueued → accepted, seconds. */
  avgSpeedOfAnswerSeconds: number | null;
}

const draw = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);

class Agent {
  private cookie = "";
  constructor(
    private readonly o: AgentOptions,
    private readonly totals: AgentTotals,
    private readonly waits: number[],
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Partial<T> | null }> {
    try {
      const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(`${this.o.baseUrl}${path}`, { method, headers, body: JSON.stringify(body) });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("hotline_session="));
      if (cookie) this.cookie = cookie.split(";")[0]!;
      if (res.status >= 300 && res.status !== 409) this.totals.apiErrors++;
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Partial<T>) : null };
    } catch {
      this.totals.apiErrors++;
      return { status: 0, body: null };
    }
  }

  async signIn(id: string, password: string): Promise<void> {
    const res = await this.call("POST", "/api/auth/login", { username: id, password });
    if (res.status !== 200) throw new Error(`agent ${id} could not sign in: ${res.status}`);
    await this.call("POST", "/api/agent/state", { state: "available" });
  }

  async work(stop: () => boolean): Promise<void> {
    const react: [number, number] = this.o.quick ? [0.5, 1.5] : [1, 4];
    const wrapUp: [number, number] = this.o.quick ? [1, 2] : [3, 10];
    let lastOffer = 0;
    while (!stop()) {
      await sleep(250 + Math.random() * 500);
      const offer = (await this.call<{ offer: Offer | null }>("GET", "/api/agent/current")).body?.offer;
      if (!offer || offer.id === lastOffer) continue;
      lastOffer = offer.id;
      this.totals.offers++;
      if (Math.random() < this.o.missRate) {
        await this.letRingOut();
        continue;
      }
      await sleep(draw(react) * 1000);
      if ((await this.call("POST", `/api/offers/${offer.id}/accept`)).status !== 200) continue;
      this.totals.accepted++;
      this.waits.push((Date.now() - Date.parse(offer.enqueuedAt)) / 1000);
      const line = this.o.switchboard.line(offer.callSid);
      line.connect();
      await sleep(draw(this.o.talkSeconds) * 1000);
      await this.call("POST", `/api/calls/${encodeURIComponent(offer.callSid)}/end`);
      line.end();
      await sleep(draw(wrapUp) * 1000);
      await this.call("POST", "/api/wrap-up", { outcome: "information" });
    }
  }

  /** Waits until the server sets "break" (missed) or withdraws the offer (the caller left). */
  private async letRingOut(): Promise<void> {
    for (const deadline = Date.now() + 40_000; Date.now() < deadline;) {
      await sleep(1_000);
      const state = (await this.call<{ user: { state: string } }>("GET", "/api/auth/me")).body?.user?.state;
      if (state === "break") {
        this.totals.missed++;
        await sleep(3_000);
        await this.call("POST", "/api/agent/state", { state: "available" });
        return;
      }
      const current = await this.call<{ offer: Offer | null }>("GET", "/api/agent/current");
      if (!current.body?.offer && state === "available") return;
    }
  }
}

/** What GET /api/agent/current says of the call ringing at the desk, in part. */
interface Offer {
  id: number;
  callSid: string;
  enqueuedAt: string;
}

/** Signs every agent in; `stop()` ends their loops (each finishes its conversation and wrap-up). */
export async function startAgents(o: AgentOptions) {
  const totals: AgentTotals = { offers: 0, accepted: 0, missed: 0, apiErrors: 0, avgSpeedOfAnswerSeconds: null };
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
      await Promise.all(agents.map((a) => a.call("POST", "/api/agent/state", { state: "offline" })));
      totals.avgSpeedOfAnswerSeconds = waits.length ? round(mean(waits), 1) : null;
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
