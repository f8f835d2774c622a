// Every /voice route of the hotline, with real and bogus step names, and the status a well-formed
// signed request to it gets (204 for the status callbacks, else 200 TwiML).
import { randomInt } from "node:crypto";

/** The phone menu's steps: the one list, from the contract the server registers its steps by. */
export { STEP_NAMES } from "../../../../ivr/src/contracts/menu-steps.ts";
import { STEP_NAMES } from "../../../../ivr/src/contracts/menu-steps.ts";

/** Steps that take keys or speech, for inputs that should reach the parsers. */
export const INPUT_STEPS = STEP_NAMES.filter((s) =>
  /^(welcome|main-menu|birth-year|read-back|postcode|choose-district|offer|birth-date|name|confirm|code-entry|code-verify|code-menu|code-lost-birth-date|code-lost-postcode|code-lost-phone|callback-number-entry)$/.test(
    s,
  ),
);

/** Already percent-encoded path segments; the last two are malformed percent-encoding (400). */
const BOGUS_STEPS = [
  "nonexistent",
  "DROP%20TABLE",
  "..%2F..%2Fetc%2Fpasswd",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "confirm%00",
  "confirm%3Bid",
  "schritt-%C3%BC",
  "%F0%9F%92%A3",
  "x".repeat(2000),
  "CONFIRM",
  "%E0%A4%A",
  "%ZZ",
];
const MALFORMED = new Set(["%E0%A4%A", "%ZZ"]);
const REQUEST_IDS = [
  "1",
  "2",
  "999999999",
  "-1",
  "0",
  "abc",
  "1e30",
  "1.5",
  "%27%3B%20DROP%20TABLE%20callback_request%3B--",
  "",
  "99999999999999999999",
];

export const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;

export interface Route {
  /** Path and query, percent-encoded. */
  path: string;
  /** Status of a well-formed signed request. */
  status: 200 | 204 | 400 | 404;
  /** Only the agent routes answer with <Dial><Client>. */
  dialAllowed: boolean;
}

const route = (path: string, status: Route["status"] = 200, dialAllowed = false): Route => ({
  path,
  status,
  dialAllowed,
});

const stepRoute = (kind: "step" | "enter", real: boolean): Route => {
  const name = real ? pick(STEP_NAMES) : pick(BOGUS_STEPS);
  return route(`/voice/${kind}/${name}`, MALFORMED.has(name) ? 400 : 200);
};

/** One /voice route, weighted roughly like the menu's traffic, bogus names included. */
export function randomRoute(): Route {
  switch (randomInt(14)) {
    case 0:
      return route("/voice/incoming");
    case 1:
    case 2:
      return stepRoute("step", true);
    case 3:
      return stepRoute("step", false);
    case 4:
      return stepRoute("enter", randomInt(3) > 0);
    case 5:
      return route(pick(["/voice/queue/wait", "/voice/queue/left"]));
    case 6:
      return route(`/voice/callback/answer?request=${pick(REQUEST_IDS)}`);
    case 7:
      return route("/voice/callback/status", 204);
    case 8:
      return route("/voice/status", 204);
    case 9:
      return route(
        pick(["/voice/fallback", "/voice/fallback/choice", "/voice/fallback/number", "/voice/fallback/number?again=1"]),
      );
    case 10: {
      const agent = pick(["anna", "ben", "%3C%2FClient%3E%3CNumber%3E%2B4990012345678%3C%2FNumber%3E", ""]);
      return route(`/voice/agent/connect?agent=${agent}`, 200, true);
    }
    case 11:
      return route(`/voice/agent/callback?agent=anna&request=${pick(REQUEST_IDS)}`, 200, true);
    case 12:
      return route(
        pick([
          "/voice/incoming?after=error",
          "/voice/enter/main-menu?after=error",
          "/voice/step/welcome?x=%3Cscript%3E",
        ]),
      );
    default:
      return route(pick(["/voice/unknown", "/voice/step/", "/voice/incoming/extra", "/voice/agent"]), 404);
  }
}
