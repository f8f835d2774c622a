// Supervisor payloads as the server sends them, typed by the contract, and a way to open the
// Leitstand with them.
import { act, screen, waitFor } from "@testing-library/react";
import {
  DEFAULT_SERVICE_SETTINGS,
  type DaySeries,
  type ServiceFigures,
  type WallboardSnapshot,
} from "@contracts/supervisor-api.ts";
import type { FakeSocket } from "../../../test/fake-socket.ts";
import { supervisor } from "../../../test/fixtures.ts";
import type { Routes } from "../../../test/mock-api.ts";
import { renderApp } from "../../../test/render-app.tsx";
import type { SettingsAnswer } from "../supervisor-api.ts";
import { berlinToday } from "../../centre/centre-api.ts";

const figures = (f: Partial<ServiceFigures>): ServiceFigures => ({
  from: "",
  until: "",
  offered: 0,
  answered: 0,
  answeredInTarget: 0,
  abandoned: 0,
  shortAbandoned: 0,
  toCallback: 0,
  otherExits: 0,
  waiting: 0,
  serviceLevel: null,
  abandonRate: null,
  avgSpeedOfAnswerSeconds: null,
  handled: 0,
  avgHandleSeconds: null,
  occupancy: null,
  estimate: { measured: 0, withinRange: 0, avgErrorMinutes: null },
  ...f,
});

export const snapshot = (overrides: Partial<WallboardSnapshot> = {}): WallboardSnapshot => ({
  at: "2021-01-25T16:05:12.000Z", // 17:05:12 in Berlin
  menu: [
    { step: "postcode", calls: 4 },
    { step: "welcome", calls: 2 },
    { step: "queue-wait", calls: 7 },
  ],
  queue: { waiting: 7, longestWaitSeconds: 754 },
  service: {
    target: { percent: 80, seconds: 60 },
    interval: figures({
      from: "2021-01-25T16:00:00.000Z", // 17:00–17:15 in Berlin
      until: "2021-01-25T16:05:12.000Z",
      offered: 9,
      answered: 5,
      answeredInTarget: 3,
      abandoned: 2,
      shortAbandoned: 1,
      toCallback: 1,
      waiting: 0,
      serviceLevel: 3 / 7,
      abandonRate: 0.25,
      avgSpeedOfAnswerSeconds: 95,
      handled: 4,
      avgHandleSeconds: 312,
      occupancy: 0.912,
    }),
    today: figures({
      from: "2021-01-24T23:00:00.000Z",
      until: "2021-01-25T16:05:12.000Z",
      offered: 1240,
      answered: 1001,
      answeredInTarget: 812,
      abandoned: 96,
      shortAbandoned: 31,
      toCallback: 104,
      otherExits: 1,
      waiting: 7,
      serviceLevel: 812 / 1097,
      abandonRate: 96 / 1209,
      avgSpeedOfAnswerSeconds: 48,
      handled: 998,
      avgHandleSeconds: 287,
      occupancy: 0.834,
      estimate: { measured: 950, withinRange: 801, avgErrorMinutes: 1.25 },
    }),
    levels: { serviceLevel: "critical", longestWait: "critical", callbacksOverdue: "warning" },
  },
  agents: { available: 3, "on-call": 9, "wrap-up": 2, break: 1 },
  agentList: [
    {
      id: "anna",
      displayName: "Anna Becker",
      state: "on-call",
      since: "2021-01-25T16:02:00.000Z",
      handledToday: 31,
      longWrapUp: false,
    },
    {
      id: "ben",
      displayName: "Ben Kaya",
      state: "wrap-up",
      since: "2021-01-25T16:01:12.000Z",
      handledToday: 27,
      longWrapUp: true,
    },
  ],
  callbacks: {
    pending: 120,
    due: 14,
    overdue: 3,
    inProgress: 5,
    failed: 8,
    done: 230,
    awaitingSupply: 1250,
    attempts: 412,
  },
  bookings: {
    last15Minutes: { phone: 12, agent: 5 },
    lastHour: { phone: 48, agent: 17, web: 3 },
    today: { phone: 1532, agent: 410, web: 77 },
  },
  freePairs: {
    regions: [
      { regionId: "nordrhein", name: "KV Nordrhein", freePairs: 8450, full: false },
      { regionId: "westfalen-lippe", name: "KV Westfalen-Lippe", freePairs: 12, full: false },
      { regionId: "hessen", name: "KV Hessen", freePairs: 0, full: true },
    ],
    centres: [
      { centreId: 1, name: "Impfzentrum Köln", regionId: "nordrhein", freePairs: 8450, level: "ok" },
      { centreId: 12, name: "Impfzentrum Gütersloh", regionId: "westfalen-lippe", freePairs: 12, level: "nearly-full" },
      { centreId: 30, name: "Impfzentrum Frankfurt", regionId: "hessen", freePairs: 0, level: "full" },
    ],
  },
  webhooks: { requests: 5321, p95Ms: 182.5, errorRate: 0.0123 },
  ...overrides,
});

/** Samples every 15 minutes from 08:00 to 10:00 Berlin time (07:00–09:00 UTC). */
export const daySeries = (): DaySeries => {
  const at = (minutes: number) => new Date(Date.UTC(2021, 0, 25, 7, minutes)).toISOString();
  const minutes = [0, 15, 30, 45, 60, 75, 90, 105, 120];
  return {
    day: "2021-01-25",
    series: {
      queue_depth: minutes.map((m, i) => ({ at: at(m), value: [2, 5, 9, 14, 11, 6, 4, 3, 7][i]! })),
      longest_wait_seconds: minutes.map((m, i) => ({
        at: at(m),
        value: [60, 180, 420, 900, 600, 240, 120, 90, 300][i]!,
      })),
      free_pairs: minutes.map((m, i) => ({ at: at(m), value: 9000 - i * 100 })),
      callbacks_due: minutes.map((m) => ({ at: at(m), value: 3 })),
      bookings_per_hour: [
        { at: at(0), value: 120 },
        { at: at(60), value: 180 },
        { at: at(120), value: 40 },
      ],
      offered_15m: minutes.map((m, i) => ({ at: at(m), value: [12, 20, 31, 28, 22, 15, 9, 8, 11][i]! })),
      service_level_15m: minutes.map((m, i) => ({ at: at(m), value: [100, 90, 62.5, 41, 55, 80, 95, 100, 88][i]! })),
    },
  };
};

export const settingsAnswer = (): SettingsAnswer => ({
  version: 7,
  settings: {
    hotline: { opensAt: "08:00", closesAt: "20:00" },
    queue: { name: "agents", capacity: 1000, offerCallbackAboveMinutes: 20, defaultHandleSeconds: 240 },
    callbacks: {
      maxAttempts: 3,
      retryDelaysMinutes: [10, 60, 240],
      releaseWindowMinutes: 120,
      holdHours: 24,
      callsPerSecond: 1,
      leaseSeconds: 300,
    },
    service: DEFAULT_SERVICE_SETTINGS,
    announcement: { de: "Zurzeit ist der Impfstoff knapp.", en: "Vaccine is scarce at the moment." },
  },
});

export const auditAnswer = () => ({
  actions: [
    {
      agentId: "u-lead-1",
      action: "settings.update",
      details: { queue: { capacity: 500 } },
      at: "2021-01-25T15:58:00.000Z",
    },
    {
      agentId: "u-lead-2",
      action: "supply.release",
      details: { regionId: "hessen", weekStart: "2021-02-01", doses: 1000, pairs: 500 },
      at: "2021-01-25T14:30:00.000Z",
    },
  ],
});

/** Everything the Leitstand loads; tests override what they look at. */
export const supervisorRoutes = (): Routes => ({
  "GET /api/supervisor/day": { body: daySeries() },
  "GET /api/supervisor/settings": { body: settingsAnswer() },
  "GET /api/supervisor/audit": { body: auditAnswer() },
  "GET /api/supervisor/supply-drops": { body: { shifts: [7, 14, 21], drops: [] } },
  [`GET /api/supervisor/centre-days/${berlinToday()}/counts`]: {
    body: {
      day: berlinToday(),
      centres: [{ centreId: 12, centreName: "Impfzentrum Gütersloh", booked: 40, attended: 31, noShows: 2, open: 7 }],
    },
  },
  "GET /api/supervisor/overview": {
    body: {
      agents: [supervisor, { id: "u-lead-2", displayName: "Clara Weiß", role: "supervisor", state: "available" }],
    },
  },
});

/** The server answers the console's "supervisor:snapshot" request. */
export function answerSnapshot(
  socket: FakeSocket,
  answer: WallboardSnapshot | { error: { code: string; message: string } },
) {
  const request = socket.emitted.find((e) => e.event === "supervisor:snapshot");
  if (!request) throw new Error("the console did not ask for a snapshot");
  const ack = request.args[request.args.length - 1] as (answer: unknown) => void;
  act(() => ack(answer));
}

/** A supervisor opens #/supervisor; the snapshot request is answered with `live` (null: not). */
export async function openLeitstand({
  routes = {},
  live = snapshot(),
}: { routes?: Routes; live?: WallboardSnapshot | null } = {}) {
  window.location.hash = "#/supervisor";
  const view = await renderApp({ user: supervisor, routes: { ...supervisorRoutes(), ...routes } });
  // The Leitstand is loaded lazily: its first import in a test file takes seconds on a busy
  // machine (measured: over the 1 s default with a load average of 15 on two cores).
  await screen.findByRole("heading", { name: "Leitstand", level: 2 });
  await waitFor(
    () => {
      if (!view.socket.emitted.some((e) => e.event === "supervisor:snapshot"))
        throw new Error("no snapshot request yet");
    },
    { timeout: 10_000 },
  );
  if (live) answerSnapshot(view.socket, live);
  return view;
}

/** A supervisor opens #/supervisor and switches to the controls and the audit log. */
export async function openControls(options: Parameters<typeof openLeitstand>[0] = {}) {
  const view = await openLeitstand(options);
  await view.user.click(screen.getByRole("button", { name: "Steuerung und Protokoll" }));
  await screen.findByRole("heading", { name: "Steuerung", level: 3 });
  return view;
}
