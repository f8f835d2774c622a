// A signed-in console user for API tests: keeps the session cookie like a browser does.
export class ConsoleClient {
  private cookie = "";
  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<{ status: number; body: any; setCookie: string | null }> {
    const res = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("hotline_session=")) ?? null;
    if (res.ok && setCookie) this.cookie = setCookie.split(";")[0]!;
    return { status: res.status, body: await res.json(), setCookie };
  }

  get sessionCookie(): string {
    return this.cookie;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
