// Who is signed in. Asks the server once on load (GET /api/auth/me); any later 401 means the
// session is gone and the login page comes back.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { loginRequest, type UserView } from "@contracts/console-api.ts";
import { ApiRequestError } from "./api-client.ts";
import { useApi } from "./api-context.tsx";

type Status = "loading" | "signed-out" | "signed-in" | "unreachable";

interface AuthValue {
  status: Status;
  user: UserView | null;
  /** Message when the session could not be checked (server unreachable). */
  loadError: string | null;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  updateUser(patch: Partial<UserView>): void;
  retry(): void;
  /** Asks the server whether the session still holds; a 401 signs out. */
  recheck(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The server sets a readable "hotline_signed_in=1" cookie next to the httpOnly session cookie. */
export function hasSessionMarker(): boolean {
  return typeof document !== "undefined" && /(?:^|;\s*)hotline_signed_in=1(?:;|$)/.test(document.cookie);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [user, setUser] = useState<UserView | null>(null);
  const [status, setStatus] = useState<Status>("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    // Without the server's "signed in" marker there is no session to ask about: show the
    // login at once instead of provoking a 401 (which browsers log as a console error).
    if (!hasSessionMarker()) {
      setStatus("signed-out");
      return;
    }
    api
      .get<{ user: UserView }>("/api/auth/me")
      .then(({ user }) => live && (setUser(user), setStatus("signed-in")))
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof ApiRequestError && error.status === 401) return setStatus("signed-out");
        setLoadError(error instanceof ApiRequestError ? error.message : String(error));
        setStatus("unreachable");
      });
    return () => void (live = false);
  }, [api, attempt]);

  useEffect(() => api.onUnauthorized(() => (setUser(null), setStatus("signed-out"))), [api]);

  const login = useCallback(
    async (username: string, password: string) => {
      const body = loginRequest.parse({ username, password });
      const result = await api.post<{ user: UserView }>("/api/auth/login", body);
      setUser(result.user);
      setStatus("signed-in");
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>("/api/auth/logout");
    } finally {
      setUser(null);
      setStatus("signed-out");
    }
  }, [api]);

  const updateUser = useCallback((patch: Partial<UserView>) => setUser((u) => (u ? { ...u, ...patch } : u)), []);
  const retry = useCallback(() => (setStatus("loading"), setAttempt((n) => n + 1)), []);

  const recheck = useCallback(() => void api.get("/api/auth/me").catch(() => undefined), [api]);

  const value = useMemo(
    () => ({ status, user, loadError, login, logout, updateUser, retry, recheck }),
    [status, user, loadError, login, logout, updateUser, retry, recheck],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The signed-in user; only for components rendered after sign-in. */
export function useUser(): UserView {
  const { user } = useAuth();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}
