// bench:launch's last look: today's service figures on the supervisors' wallboard, read with the
// supervisor sign-in the bench passes to the server (SUPERVISOR_ACCOUNTS).
export const SUPERVISOR = { id: "bench-lead", password: "bench-lead-password-01" };

type Today = Record<"offered" | "answered" | "abandoned", number> &
  Record<"serviceLevel" | "avgSpeedOfAnswerSeconds", number | null>;

const rounded = (x: number | null, places: number) => (x === null ? null : Number(x.toFixed(places)));

export async function readWallboard(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: SUPERVISOR.id, password: SUPERVISOR.password }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("hotline_session="));
  if (!login.ok || !cookie) throw new Error(`the supervisor could not sign in: ${login.status}`);
  const res = await fetch(`${baseUrl}/api/supervisor/wallboard`, { headers: { cookie: cookie.split(";")[0]! } });
  if (!res.ok) throw new Error(`GET /api/supervisor/wallboard answered ${res.status}`);
  const t = ((await res.json()) as { service: { today: Today } }).service.today;
  // serviceLevel: answered within the target ÷ (answered + abandoned), 0..1.
  const { offered, answered, abandoned } = t;
  const [serviceLevel, avgSpeedOfAnswerSeconds] = [rounded(t.serviceLevel, 3), rounded(t.avgSpeedOfAnswerSeconds, 1)];
  return { offered, answered, abandoned, serviceLevel, avgSpeedOfAnswerSeconds };
}
