// Amber and red on the wallboard, at the thresholds the supervisor set: the service level
// against its target, the longest wait now, and callbacks overdue.
import type { ServiceSettings, TileLevel } from "../../contracts/supervisor-api.ts";

/** Higher is worse: amber from `amber`, red from `red`. */
export function levelAbove(value: number, amber: number, red: number): TileLevel {
  return value >= red ? "critical" : value >= amber ? "warning" : "ok";
}

/** The service level (0..1, null without calls) against the target percent and the red line. */
export function serviceLevelLevel(serviceLevel: number | null, s: ServiceSettings): TileLevel {
  if (serviceLevel === null) return "ok";
  const percent = serviceLevel * 100;
  return percent < s.serviceLevelRedPercent ? "critical" : percent < s.targetPercent ? "warning" : "ok";
}

/** Thresholds that contradict each other (red before amber), as the settings' issue paths. */
export function thresholdProblems(s: ServiceSettings): string[] {
  const problems: string[] = [];
  if (s.serviceLevelRedPercent > s.targetPercent) problems.push("service.serviceLevelRedPercent");
  if (s.longestWaitAmberSeconds > s.longestWaitRedSeconds) problems.push("service.longestWaitRedSeconds");
  if (s.callbacksOverdueAmber > s.callbacksOverdueRed) problems.push("service.callbacksOverdueRed");
  // A hang-up the service level should see (within the target) cannot also be a short abandon.
  if (s.shortAbandonSeconds >= s.targetSeconds) problems.push("service.shortAbandonSeconds");
  return problems;
}
