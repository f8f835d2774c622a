// The console's only way to the server: same origin, JSON, cookies. Every failure becomes an
// ApiRequestError carrying the server's typed code and its plain message, or a plain German
// message of our own when the server cannot be reached. Never raw JSON, never a stack trace.
import type { ApiError } from "@contracts/console-api.ts";

/** Codes the console reacts to; the server may send others, shown by their message. */
export type KnownErrorCode =
  | "invalid_credentials"
  | "unauthenticated"
  | "forbidden"
  | "queue_empty"
  | "no_callback_due"
  | "claim_lost"
  | "slot_taken"
  | "hold_expired"
  | "already_booked"
  | "not_eligible"
  | "person_invalid"
  | "code_invalid"
  | "code_unknown"
  | "booking_not_active"
  | "settings_changed"
  | "network"
  | "unexpected";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  is(...codes: KnownErrorCode[]): boolean {
    return (codes as string[]).includes(this.code);
  }
}

export interface ApiClientOptions {
  /** "de" or "en": the language the server writes its messages in. */
  language(): string;
  /** Our own messages for failures the server could not word. */
  messages(): { network: string; unexpected: string };
  fetch?: typeof fetch;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** Called on every 401 outside the login itself: the session is gone. */
  onUnauthorized(listener: () => void): () => void;
}

function isApiError(body: unknown): body is ApiError {
  const error = (body as ApiError | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const listeners = new Set<() => void>();

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": options.language() };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiRequestError(0, "network", options.messages().network);
    }
    if (response.status === 204) return undefined as T;
    const parsed: unknown = await response.json().catch(() => undefined);
    if (response.ok && parsed !== undefined) return parsed as T;
    if (response.status === 401 && path !== "/api/auth/login") for (const listener of listeners) listener();
    if (isApiError(parsed)) {
      const { code, message, ...detail } = parsed.error;
      throw new ApiRequestError(response.status, code, message || options.messages().unexpected, detail);
    }
    throw new ApiRequestError(response.status, "unexpected", options.messages().unexpected);
  }

  return {
    get: (path) => request("GET", path),
    post: (path, body = {}) => request("POST", path, body),
    del: (path) => request<void>("DELETE", path),
    onUnauthorized(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The message to show for any failure, typed or not. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof ApiRequestError ? error.message : fallback;
}
