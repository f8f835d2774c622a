// Real headless Chromium (Debian's package) driven by playwright-core, against the built
// console served by a test server.
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type ConsoleMessage, type Page } from "playwright-core";
import { systemClock } from "../../src/services.ts";
import { CONSOLE_DIST } from "../../src/transport/http/console-static.ts";
import { PROJECT_ROOT } from "../../src/paths.ts";
import { createTestServices, type TestServices } from "./test-services.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/**
 * Where the browser tests save their screenshots: the README's pictures in docs/screenshots only
 * when asked (UPDATE_SCREENSHOTS=1), otherwise the ignored tmp/screenshots, so that a test run
 * leaves the checkout as it found it.
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? join(PROJECT_ROOT, "docs", "screenshots")
    : join(PROJECT_ROOT, "tmp", "screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

/** Builds the console when there is no build or its sources changed since. */
export function ensureConsoleBuilt(): void {
  const index = join(CONSOLE_DIST, "index.html");
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = [join(PROJECT_ROOT, "agent-console", "src"), join(PROJECT_ROOT, "ivr", "src", "contracts")];
  if (built === 0 || sources.some((dir) => newest(dir) > built))
    execSync("npm run build:console --silent", { cwd: PROJECT_ROOT, stdio: "ignore" });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export interface BrowserHotline {
  s: TestServices;
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What every browser test stands on: the built console, a server on PGlite with `seed`
 * applied, and Chromium. The server runs on the real clock, because the browser counts down
 * real time.
 */
export async function startBrowserHotline(
  env: Record<string, string>,
  seed: (s: TestServices) => Promise<unknown>,
): Promise<BrowserHotline> {
  ensureConsoleBuilt();
  const s = await createTestServices("pglite", systemClock, env);
  let server: TestServer | undefined;
  try {
    await seed(s);
    server = await startTestServer(s, env);
    const browser = await launchBrowser();
    const started = server;
    return {
      s,
      server: started,
      browser,
      async close() {
        await browser.close();
        await started.close();
        await s.dispose();
      },
    };
  } catch (error) {
    await server?.close();
    await s.dispose();
    throw error;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
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

/**
 * Records every Content-Security-Policy violation the page reports (the browser also logs one
 * as a console error, which watchConsole catches; this names the directive and what it blocked).
 */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  // Page scripts as text: this file is compiled without the DOM's types.
  await page.addInitScript(`
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
        " (" + e.sourceFile + ":" + e.lineNumber + ")"));
  `);
  return () => page.evaluate<string[]>("window.cspViolations ?? []");
}

export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Benutzername").fill(username);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.getByRole("button", { name: "Abmelden" }).waitFor();
}

const pageProblems = new WeakMap<Page, string[]>();

/** The console errors and warnings of a page opened with `openDesk` (tests expect none). */
export function problemsOf(page: Page): string[] {
  return pageProblems.get(page) ?? [];
}

/**
 * A fresh browser context as an agent sits at it (1366×768 unless told otherwise, German,
 * Berlin time), signed in as `who` (password `pw-<who>-123` unless given), its console watched.
 */
export async function openDesk(
  hotline: Pick<BrowserHotline, "browser" | "server">,
  who: string,
  options: { viewport?: { width: number; height: number }; password?: string } = {},
): Promise<Page> {
  const context = await hotline.browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
  });
  const page = await context.newPage();
  pageProblems.set(page, watchConsole(page));
  await signIn(page, hotline.server.url, who, options.password ?? `pw-${who}-123`);
  return page;
}
