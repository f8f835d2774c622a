// Pages addressed by the URL's hash so a reload stays put: #/ (desk), #/supervisor, #/accounts
// #/worklist and #/waitlist.
import { useEffect, useState } from "react";

export type Route = "desk" | "supervisor" | "accounts" | "worklist" | "waitlist";

const routeOf = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, "");
  if (path.startsWith("supervisor")) return "supervisor";
  if (path.startsWith("accounts")) return "accounts";
  if (path.startsWith("waitlist")) return "waitlist";
  return path.startsWith("worklist") ? "worklist" : "desk";
};

export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export const hrefOf = (route: Route) => (route === "desk" ? "#/" : `#/${route}`);
