// bench:launch's last look: the supervisors' wallboard, today's service figures, read with a
// supervisor's sign-in the bench passes to the server (SUPERVISOR_ACCOUNTS).
const rounded = (x: number | null, places: number) => (x === null ? null : Number(x.toFixed(places)));

export async function readWallboard(baseUrl: string, supervisor: { id: string; password: string }) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: supervisor.id, password: supervisor.password }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("hotline_session="));
  if (!login.ok || !cookie) throw new Error(`the supervisor could not sign in: ${login.status}`);
  const res = await fetch(`${baseUrl}/api/supervisor/wallboard`, { headers: { cookie: cookie.split(";")[0]! } });
  if (!res.ok) throw new Error(`GET /api/supervisor/wallboard answered ${res.status}`);
  const { service } = (await res.json()) as {
    service: {
      target: { percent: number; seconds: number };
      today: Record<"offered" | "answered" | "abandoned" | "toCallback" | "handled", number> &
        Record<"serviceLevel" | "avgSpeedOfAnswerSeconds", number | null>;
    };
  };
  const t = service.today;
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    toCallback: t.toCallback,
    /** Answered within the target ÷ (answered + abandoned), 0..1; null without calls. */
    serviceLevel: rounded(t.serviceLevel, 3),
    avgSpeedOfAnswerSeconds: rounded(t.avgSpeedOfAnswerSeconds, 1),
    handled: t.handled,
    target: service.target,
  };
}
