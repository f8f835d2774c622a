// bench:launch's last look: the supervisors' wallboard, today's service figures, read with a
// supervisor's sign-in the bench passes to the server (SUPERVISOR_ACCOUNTS).
export interface WallboardFigures {
  offered: number;
  answered: number;
  abandoned: number;
  toCallback: number;
  /** Answered within the target ÷ (answered + abandoned), 0..1, rounded to 3 places; null without calls. */
  serviceLevel: number | null;
  avgSpeedOfAnswerSeconds: number | null;
  handled: number;
  target: { percent: number; seconds: number };
}

export async function readWallboard(
  baseUrl: string,
  supervisor: { id: string; password: string },
): Promise<WallboardFigures> {
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
      today: Omit<WallboardFigures, "target">;
    };
  };
  const t = service.today;
  const round = (x: number | null, places: number) => (x === null ? null : Number(x.toFixed(places)));
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    toCallback: t.toCallback,
    serviceLevel: round(t.serviceLevel, 3),
    avgSpeedOfAnswerSeconds: round(t.avgSpeedOfAnswerSeconds, 1),
    handled: t.handled,
    target: service.target,
  };
}
