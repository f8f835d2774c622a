// Two pages, addressed by the URL's hash so a reload stays put: #/ (desk) and #/supervisor.
import { useEffect, useState } from "react";

export type Route = "desk" | "supervisor";

const routeOf = (hash: string): Route => (hash.replace(/^#\/?/, "").startsWith("supervisor") ? "supervisor" : "desk");

export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export const hrefOf = (route: Route) => (route === "supervisor" ? "#/supervisor" : "#/");
