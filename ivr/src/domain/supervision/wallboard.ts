// What supervisors see, computed from the shared database on demand: where callers are in
// the menu, the queue and the service figures (see service-report.ts), agents, callbacks,
// bookings by channel, free pairs per region and centre, and webhook health.
import type { DaySeries, ServiceFigures, WallboardSnapshot } from "../../contracts/supervisor-api.ts";
import type { AgentStore } from "../agents/agent-store.ts";
import type { AgentDesk } from "../agents/agent-desk.ts";
import type { Geography } from "../geo/geography.ts";
import type { Clock, Ledger } from "../ledger/ledger.ts";
import { addDays, berlinDate, berlinLocalToUtc } from "../time/berlin.ts";
import type { ServiceReport } from "./service-report.ts";
import type { SupervisionStore } from "./supervision-store.ts";

/** A centre with fewer free pairs than this is "nearly full" (about a day of one lane). */
export const NEARLY_FULL_PAIRS = 50;
const ACTIVE_CALL_MS = 10 * 60_000;

export class Wallboard {
  constructor(
    private readonly store: SupervisionStore,
    private readonly ledger: Ledger,
    private readonly geography: Geography,
    private readonly desk: AgentDesk,
    private readonly agents: AgentStore,
    private readonly clock: Clock,
    private readonly webhooks: () => WallboardSnapshot["webhooks"],
    private readonly service: ServiceReport,
  ) {}

  async snapshot(): Promise<WallboardSnapshot> {
    const now = this.clock.now();
    const ms = (m: number) => new Date(now.getTime() - m);
    const [menu, queue, agents, callbacks, b15, b60, bDay, counts] = await Promise.all([
      this.store.callsInMenuByStep(ms(ACTIVE_CALL_MS)),
      this.desk.summary(),
      this.agents.all(),
      this.store.callbackFigures(now, ms(30 * 60_000)),
      this.store.bookingsByChannel(ms(15 * 60_000)),
      this.store.bookingsByChannel(ms(3_600_000)),
      this.store.bookingsByChannel(startOfDay(now)),
      this.ledger.availability.freeCounts(this.ledger.offerFrom()),
    ]);
    const byState: Record<string, number> = {};
    for (const a of agents) if (a.role === "agent") byState[a.state] = (byState[a.state] ?? 0) + 1;
    const centres = this.geography.districts.map((d) => {
      const free = counts.get(d.centre.id) ?? 0;
      return {
        centreId: d.centre.id,
        name: d.centre.name,
        regionId: d.regionId,
        freePairs: free,
        level: (free === 0 ? "full" : free < NEARLY_FULL_PAIRS ? "nearly-full" : "ok") as "ok" | "nearly-full" | "full",
      };
    });
    const regions = this.geography.regions.map((r) => {
      const free = centres.filter((c) => c.regionId === r.id).reduce((s, c) => s + c.freePairs, 0);
      return { regionId: r.id, name: r.name, freePairs: free, full: free === 0 };
    });
    const { service, agentList } = await this.service.now(now, startOfDay(now), {
      longestWaitSeconds: queue.longestWaitSeconds,
      callbacksOverdue: callbacks.overdue,
    });
    return {
      at: now.toISOString(),
      menu,
      queue: { waiting: queue.waiting, longestWaitSeconds: queue.longestWaitSeconds },
      service,
      agents: byState,
      agentList,
      callbacks,
      bookings: { last15Minutes: b15, lastHour: b60, today: bDay },
      freePairs: { regions, centres },
      webhooks: this.webhooks(),
    };
  }

  /** One sample per minute of the series the charts draw; every process tries, one wins. */
  async sample(): Promise<void> {
    const now = this.clock.now();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const snap = await this.snapshot();
    const values: Record<string, number> = {
      queue_depth: snap.queue.waiting,
      longest_wait_seconds: snap.queue.longestWaitSeconds,
      free_pairs: snap.freePairs.regions.reduce((s, r) => s + r.freePairs, 0),
      callbacks_due: snap.callbacks.due,
    };
    for (const [name, value] of Object.entries(values)) await this.store.recordSample(name, minute, value);
  }

  async day(isoDay = berlinDate(this.clock.now())): Promise<DaySeries> {
    const since = startOfDay(berlinLocalToUtc(...parts(isoDay), 12));
    const until = startOfDay(berlinLocalToUtc(...parts(addDays(isoDay, 1)), 12));
    const now = this.clock.now();
    const [samples, bookings, quarters] = await Promise.all([
      this.store.samples(since, until),
      this.store.bookingsPerHour(since, until),
      now > since ? this.service.quarterHours(since, now < until ? new Date(now.getTime() + 1) : until, now) : [],
    ]);
    const series: DaySeries["series"] = {
      bookings_per_hour: bookings.map((b) => ({ at: new Date(b.at).toISOString(), value: b.value })),
      ...quarterHourSeries(quarters),
    };
    for (const s of samples) (series[s.name] ??= []).push({ at: new Date(s.at).toISOString(), value: s.value });
    return { day: isoDay, series };
  }
}

/** Per quarter-hour: callers offered, answered and abandoned, and the service level in percent. */
function quarterHourSeries(quarters: ServiceFigures[]): DaySeries["series"] {
  const point = (q: ServiceFigures, value: number) => ({ at: q.from, value });
  const busy = quarters.filter((q) => q.offered > 0 || q.serviceLevel !== null);
  return {
    offered_15m: busy.map((q) => point(q, q.offered)),
    answered_15m: busy.map((q) => point(q, q.answered)),
    abandoned_15m: busy.map((q) => point(q, q.abandoned)),
    service_level_15m: busy.flatMap((q) => (q.serviceLevel === null ? [] : [point(q, q.serviceLevel * 100)])),
  };
}

function parts(isoDay: string): [number, number, number] {
  return isoDay.split("-").map(Number) as [number, number, number];
}

function startOfDay(at: Date): Date {
  return berlinLocalToUtc(...parts(berlinDate(at)), 0, 0);
}
