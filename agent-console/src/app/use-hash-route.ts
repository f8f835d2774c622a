// Pages addressed by the URL's hash so a reload stays put: #/ (desk), #/supervisor and #/accounts.
import { useEffect, useState } from "react";

export type Route = "desk" | "supervisor" | "accounts";

const routeOf = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, "");
  return path.startsWith("supervisor") ? "supervisor" : path.startsWith("accounts") ? "accounts" : "desk";
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
