// The accounts endpoints (supervisors only), typed from the contract. A drawn password comes
// back once, in the answer to the change that drew it.
import { useMemo } from "react";
import type { AccountAnswer, AccountView, NewAccountRequest } from "@contracts/accounts-api.ts";
import { languagesRequest } from "@contracts/console-api.ts";
import { useApi } from "../../app/api-context.tsx";

export type { AccountAnswer, AccountView, NewAccountRequest };

export interface AccountsApi {
  list(): Promise<AccountView[]>;
  create(request: NewAccountRequest): Promise<AccountAnswer>;
  /** Without a password the server draws one. */
  resetPassword(id: string, password?: string): Promise<AccountAnswer>;
  disable(id: string): Promise<AccountAnswer>;
  enable(id: string): Promise<AccountAnswer>;
  /** The languages an agent is offered calls in. */
  setLanguages(id: string, languages: string[]): Promise<unknown>;
  /** The centres a centre account can belong to. */
  centres(): Promise<{ id: number; name: string; city: string }[]>;
}

export function useAccountsApi(): AccountsApi {
  const api = useApi();
  return useMemo(() => {
    const at = (id: string, action: string) => `/api/supervisor/accounts/${encodeURIComponent(id)}/${action}`;
    return {
      list: async () => (await api.get<{ accounts: AccountView[] }>("/api/supervisor/accounts")).accounts,
      create: (request) => api.post("/api/supervisor/accounts", request),
      resetPassword: (id, password) => api.post(at(id, "password"), password === undefined ? {} : { password }),
      disable: (id) => api.post(at(id, "disable"), {}),
      enable: (id) => api.post(at(id, "enable"), {}),
      setLanguages: (id, languages) =>
        api.post(`/api/supervisor/agents/${encodeURIComponent(id)}/languages`, languagesRequest.parse({ languages })),
      centres: async () =>
        (await api.get<{ centres: { id: number; name: string; city: string }[] }>("/api/centres")).centres,
    };
  }, [api]);
}
