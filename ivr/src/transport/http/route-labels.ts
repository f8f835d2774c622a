// The `route` label of the HTTP metrics: one of the routes below, "static" for the console's
// files, or "other". Never anything taken from the path itself: every distinct label is a time
// series that prom-client keeps and prints on every scrape, so when the label was the path's
// first two segments, 20,000 requests to junk paths grew /metrics from 82 KB to 84.6 MB
// (issue 15). route-labels.test.ts checks that every route the app registers is listed here.

/** Every route the server answers, as a pattern (":name" stands for one path segment). */
export const ROUTE_PATTERNS = [
  "/healthz",
  "/metrics",
  "/api/availability",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/me",
  "/api/agent/state",
  "/api/agent/current",
  "/api/queue",
  "/api/offers/:id/accept",
  "/api/calls/:callSid/end",
  "/api/calls/:callSid/control",
  "/api/calls/:callSid/transfer-targets",
  "/api/supervisor/calls",
  "/api/calls/:callSid/hold",
  "/api/calls/:callSid/mute",
  "/api/calls/:callSid/transfer",
  "/api/calls/:callSid/transfer/complete",
  "/api/calls/:callSid/transfer/cancel",
  "/api/supervisor/calls/:callSid/monitor",
  "/api/supervisor/calls/:callSid/monitor/end",
  "/api/wrap-up",
  "/api/wrap-up/extend",
  "/api/supervisor/agents/:id/languages",
  "/api/search",
  "/api/holds",
  "/api/holds/:holdId",
  "/api/bookings",
  "/api/bookings/search",
  "/api/bookings/:code",
  "/api/bookings/:code/cancel",
  "/api/bookings/:code/rebook",
  "/api/worklist",
  "/api/letters/batch",
  "/api/letters/:day",
  "/api/centres",
  "/api/centres/:centreId/days/:day",
  "/api/centres/:centreId/days/:day/pdf",
  "/api/centres/:centreId/days/:day/attendance",
  "/api/centres/:centreId/days/:day/wasted",
  "/api/centres/:centreId/days/:day/report",
  "/api/centres/:centreId/days/:day/report/csv",
  "/api/centres/:centreId/days/:day/report/pdf",
  "/api/centres/:centreId/standby",
  "/api/waitlist/:entryId/short-notice",
  "/api/supervisor/centre-days/:day/counts",
  "/api/worklist/:personId",
  "/api/worklist/:personId/recording/:which",
  "/api/callbacks/next",
  "/api/callbacks/:id/dial",
  "/api/callbacks/:id/outcome",
  "/api/voice/token",
  "/api/supervisor/overview",
  "/api/supervisor/wallboard",
  "/api/supervisor/day",
  "/api/supervisor/supply/preview",
  "/api/supervisor/supply/release",
  "/api/supervisor/settings",
  "/api/supervisor/accounts",
  "/api/supervisor/accounts/:id/password",
  "/api/supervisor/accounts/:id/disable",
  "/api/supervisor/accounts/:id/enable",
  "/api/supervisor/privacy/export",
  "/api/supervisor/privacy/erase",
  "/api/supervisor/announcement",
  "/api/supervisor/audit",
  "/api/waitlist",
  "/api/waitlist/entries/:number",
  "/api/waitlist/entries/:number/withdraw",
  "/api/waitlist/duplicates",
  "/api/waitlist/duplicates/:id",
  "/api/waitlist/invitations/:id/accept",
  "/api/waitlist/invitations/:id/decline",
  "/api/supervisor/waitlist/import",
  "/api/supervisor/waitlist/overview",
  "/api/supervisor/invitation-runs",
  "/api/supervisor/invitation-runs/:id/execute",
  "/api/supervisor/supply-drops",
  "/api/supervisor/supply-drops/preview",
  "/api/supervisor/supply-drops/:id",
  "/api/supervisor/supply-drops/:id/execute",
  "/api/supervisor/campaign",
  "/api/supervisor/campaign/:regionId/start",
  "/api/supervisor/campaign/:regionId/pause",
  "/api/invitation-runs",
  "/voice/incoming",
  "/voice/step/:step",
  "/voice/enter/:step",
  "/voice/status",
  "/voice/queue/wait",
  "/voice/queue/left",
  "/voice/callback/answer",
  "/voice/callback/status",
  "/voice/outbound/answer",
  "/voice/outbound/status",
  "/voice/outbound/amd",
  "/voice/agent/connect",
  "/voice/agent/callback",
  "/voice/fallback",
  "/voice/fallback/choice",
  "/voice/fallback/number",
] as const;

export type RouteLabel = (typeof ROUTE_PATTERNS)[number] | "static" | "other";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

// Patterns by segment count: a path is compared only with patterns as long as it is.
const BY_LENGTH = new Map<number, { pattern: RouteLabel; segments: string[] }[]>();
for (const pattern of ROUTE_PATTERNS) {
  const segments = pattern.split("/").slice(1);
  const list = BY_LENGTH.get(segments.length) ?? [];
  list.push({ pattern, segments });
  BY_LENGTH.set(segments.length, list);
}

/**
 * The label for a request path (without its query): the listed route it matches, "static" for
 * any other GET or HEAD outside /api and /voice (the console's files and pages), else "other".
 */
export function routeLabel(path: string, method = "GET"): RouteLabel {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const segments = trimmed.split("/").slice(1);
  for (const candidate of BY_LENGTH.get(segments.length) ?? []) {
    if (candidate.segments.every((s, i) => (s.startsWith(":") ? segments[i] !== "" : s === segments[i])))
      return candidate.pattern;
  }
  const own = segments[0] === "api" || segments[0] === "voice";
  return !own && (method === "GET" || method === "HEAD") ? "static" : "other";
}

/** The method label: the methods the server answers; anything else (Node parses ~30) is "other". */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : "other";
}
