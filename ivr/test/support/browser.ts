// Real headless Chromium (Debian's package) driven by playwright-core, against the built
// console served by a test server.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import { CONSOLE_DIST } from "../../src/transport/http/console-static.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = join(PROJECT_ROOT, "docs", "screenshots");

/** Builds the console when there is no build or its sources changed since. */
export function ensureConsoleBuilt(): void {
  const index = join(CONSOLE_DIST, "index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = [join(PROJECT_ROOT, "agent-console", "src"), join(PROJECT_ROOT, "ivr", "src", "contracts")];
  if (built === 0 || sources.some((dir) => newest(dir) > built)) execSync("npm run build:console --silent", { cwd: PROJECT_ROOT, stdio: "ignore" });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}

/** Collects the page's console errors and uncaught exceptions; tests assert it stays empty. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Benutzername").fill(username);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("button", { name: "Abmelden" }).waitFor();
}
