// Pages addressed by the URL's hash so a reload stays put: #/desk, #/supervisor, #/accounts,
// #/worklist and #/waitlist. No page named (#/ or nothing) is the user's home: the Leitstand for
// supervisors, the desk for agents.
import { useEffect, useState } from "react";
import type { Role } from "@contracts/console-api.ts";

export type Route = "desk" | "supervisor" | "accounts" | "worklist" | "waitlist";

export const homeOf = (role: Role): Route => (role === "supervisor" ? "supervisor" : "desk");

const routeOf = (hash: string, home: Route): Route => {
  const path = hash.replace(/^#\/?/, "");
  if (path.startsWith("supervisor")) return "supervisor";
  if (path.startsWith("accounts")) return "accounts";
  if (path.startsWith("worklist")) return "worklist";
  if (path.startsWith("waitlist")) return "waitlist";
  return path.startsWith("desk") ? "desk" : home;
};

export function useHashRoute(home: Route): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash, home));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash, home));
    onChange();
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, [home]);
  return route;
}

export const hrefOf = (route: Route) => `#/${route}`;
