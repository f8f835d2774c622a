// Codes on the wallboard and their texts. Keys are written out (not built at run time), so
// locale-keys.test.ts sees each one; codes without a text show as sent.
import { AGENT_STATES } from "@contracts/console-api.ts";
import { STEP_NAMES } from "@contracts/menu-steps.ts";
import type { WallboardSnapshot } from "@contracts/supervisor-api.ts";

type Centre = WallboardSnapshot["freePairs"]["centres"][number];

export const CHANNEL_KEYS: Record<string, string> = {
  phone: "supervisor.channel.phone",
  agent: "supervisor.channel.agent",
  web: "supervisor.channel.web",
};

export const LEVEL_KEYS: Record<Centre["level"], string> = {
  full: "supervisor.level.full",
  "nearly-full": "supervisor.level.nearlyFull",
  ok: "supervisor.level.ok",
};

/** The KV regions a supply can be released for (supplyRequest.regionId). */
export const REGION_KEYS: Record<string, string> = {
  nordrhein: "supervisor.region.nordrhein",
  "westfalen-lippe": "supervisor.region.westfalenLippe",
  hessen: "supervisor.region.hessen",
};

export const AUDIT_ACTION_KEYS: Record<string, string> = {
  "supply.release": "supervisor.audit.supplyRelease",
  "settings.update": "supervisor.audit.settingsUpdate",
  "announcement.set": "supervisor.audit.announcementSet",
  "account.create": "supervisor.audit.accountCreate",
  "account.disable": "supervisor.audit.accountDisable",
  "account.enable": "supervisor.audit.accountEnable",
  "account.password": "supervisor.audit.accountPassword",
  "monitor.listen": "supervisor.audit.callListen",
  "monitor.whisper": "supervisor.audit.callWhisper",
  "monitor.barge": "supervisor.audit.callBarge",
  "monitor.end": "supervisor.audit.callMonitorEnd",
};

const rank = (order: readonly string[], code: string) => {
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
};

/** Menu steps in the order a caller meets them, unknown steps last. */
export function menuInOrder(menu: WallboardSnapshot["menu"]): WallboardSnapshot["menu"] {
  return [...menu].sort((a, b) => rank(STEP_NAMES, a.step) - rank(STEP_NAMES, b.step) || a.step.localeCompare(b.step));
}

/** Every known agent state (zero when nobody is in it), then any the server adds. */
export function agentCounts(agents: Record<string, number>): [string, number][] {
  const extra = Object.keys(agents).filter((s) => !(AGENT_STATES as readonly string[]).includes(s));
  return [...AGENT_STATES, ...extra].map((s) => [s, agents[s] ?? 0]);
}

/** Telefon, Agent, Web, then any other channel that has bookings. */
export function channelsOf(bookings: WallboardSnapshot["bookings"]): string[] {
  const known = Object.keys(CHANNEL_KEYS);
  const seen = new Set([
    ...Object.keys(bookings.last15Minutes),
    ...Object.keys(bookings.lastHour),
    ...Object.keys(bookings.today),
  ]);
  return [...known, ...[...seen].filter((c) => !known.includes(c)).sort()];
}

const LEVEL_ORDER = ["full", "nearly-full", "ok"];

/** Full centres first, then nearly full, then the rest; fewest free pairs first within each. */
export function centresByUrgency(centres: Centre[]): Centre[] {
  return [...centres].sort(
    (a, b) =>
      rank(LEVEL_ORDER, a.level) - rank(LEVEL_ORDER, b.level) ||
      a.freePairs - b.freePairs ||
      a.name.localeCompare(b.name, "de"),
  );
}
