// `npm start` in production mode with the published defaults refuses to start, naming each
// unsafe setting, before it opens any database (issue 15, item 7).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.ts";

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(DATABASE_URL|REDIS_URL|TWILIO_.*|METRICS_TOKEN|AGENT_ACCOUNTS|SUPERVISOR_ACCOUNTS|TELEPHONY|NODE_ENV)$/.test(
          k,
        ),
    ),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "ivr/src/main.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...clean, PORT: "0", DATA_DIR: "memory://", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    // A server that did start would run until killed: that is the failure this test catches.
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("npm start in production mode", () => {
  it.each<Record<string, string>>([{ NODE_ENV: "production" }, { TELEPHONY: "twilio" }])(
    "when %o is started with the defaults, then it exits non-zero naming each unsafe setting",
    async (mode) => {
      const { code, stderr } = await start(mode);
      expect(code).toBe(1);
      expect(stderr).toMatch(/could not start: Refusing to start with/);
      for (const setting of ["TWILIO_AUTH_TOKEN", "SUPERVISOR_ACCOUNTS", "METRICS_TOKEN"])
        expect(stderr).toContain(setting);
      expect(stderr).not.toMatch(/listening/);
    },
  );
});
