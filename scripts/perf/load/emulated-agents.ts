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
    const existing = this.lines.get(callSid);
    if (existing) return existing;
    const line = { isConnected: false } as Line;
    line.connected = new Promise((resolve) => (line.connect = () => ((line.isConnected = true), resolve())));
    line.ended = new Promise((resolve) => (line.end = resolve));
    this.lines.set(callSid, line);
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
  /** Talk time drawn uniformly from this range, seconds; reaction and wrap-up are shorter when quick. */
  talkSeconds: [number, number];
  missRate: number;
  quick: boolean;
}

type Offer = { id: number; callSid: string; enqueuedAt: string };
const draw = ([lo, hi]: [number, number]) => (lo + Math.random() * (hi - lo)) * 1000;

/** Signs every agent in; `stop()` ends their loops (each finishes its conversation and wrap-up). */
export async function startAgents(o: AgentOptions) {
  // apiErrors: console API answers other than 2xx and the expected 409 (offer gone), transport errors.
  const totals = { offers: 0, accepted: 0, missed: 0, apiErrors: 0, avgSpeedOfAnswerSeconds: null as number | null };
  const waits: number[] = []; // enqueued → accepted, seconds
  const react: [number, number] = o.quick ? [0.5, 1.5] : [1, 4];
  const wrapUp: [number, number] = o.quick ? [1, 2] : [3, 10];
  let stopping = false;

  const agent = async ({ id, password }: { id: string; password: string }) => {
    let cookie = "";
    const call = async <T>(method: string, path: string, body?: unknown): Promise<Partial<T> & { status: number }> => {
      const headers: Record<string, string> =
        body === undefined ? { cookie } : { cookie, "content-type": "application/json" };
      const res = await fetch(`${o.baseUrl}${path}`, { method, headers, body: JSON.stringify(body) }).catch(() => null);
      const session = res?.headers.getSetCookie().find((c) => c.startsWith("hotline_session="));
      if (session) cookie = session.split(";")[0]!;
      if (!res || (res.status >= 300 && res.status !== 409)) totals.apiErrors++;
      const text = (await res?.text()) ?? "";
      const parsed = (text ? JSON.parse(text) : {}) as Partial<T>;
      return { ...parsed, status: res?.status ?? 0 };
    };
    const available = () => call("POST", "/api/agent/state", { state: "available" });
    if ((await call("POST", "/api/auth/login", { username: id, password })).status !== 200)
      throw new Error(`agent ${id} could not sign in`);
    await available();

    // The offer rings out: wait for "break" (missed), or for the offer to be withdrawn (the caller left).
    const letRingOut = async () => {
      for (const deadline = Date.now() + 40_000; Date.now() < deadline;) {
        await sleep(1_000);
        const state = (await call<{ user: { state: string } }>("GET", "/api/auth/me")).user?.state;
        if (state === "break") {
          totals.missed++;
          await sleep(3_000);
          await available();
          return;
        }
        const current = await call<{ offer: Offer | null }>("GET", "/api/agent/current");
        if (!current.offer && state === "available") return;
      }
    };
    return async () => {
      for (let lastOffer = 0; !stopping;) {
        await sleep(250 + Math.random() * 500);
        const offer = (await call<{ offer: Offer | null }>("GET", "/api/agent/current")).offer;
        if (!offer || offer.id === lastOffer) continue;
        lastOffer = offer.id;
        totals.offers++;
        if (Math.random() < o.missRate) {
          await letRingOut();
          continue;
        }
        await sleep(draw(react));
        if ((await call("POST", `/api/offers/${offer.id}/accept`)).status !== 200) continue;
        totals.accepted++;
        waits.push((Date.now() - Date.parse(offer.enqueuedAt)) / 1000);
        const line = o.switchboard.line(offer.callSid);
        line.connect();
        await sleep(draw(o.talkSeconds));
        await call("POST", `/api/calls/${encodeURIComponent(offer.callSid)}/end`);
        line.end();
        await sleep(draw(wrapUp));
        await call("POST", "/api/wrap-up", { outcome: "information" });
      }
      await call("POST", "/api/agent/state", { state: "offline" });
    };
  };

  const loops = (await Promise.all(o.accounts.map(agent))).map((work) => work());
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
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
