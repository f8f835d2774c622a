// Component tests in jsdom. Run alone (`npx vitest run` here) or as the "agent-console"
// project of the root suite. TZ is deliberately not Berlin: every date the console shows
// must name Europe/Berlin itself.
import { defineConfig, mergeConfig } from "vitest/config";
import viteConfig from "./vite.config.ts";

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      name: "agent-console",
      root: new URL(".", import.meta.url).pathname,
      environment: "jsdom",
      include: ["src/**/*.test.{ts,tsx}"],
      setupFiles: ["src/test/setup.ts"],
      env: { TZ: "America/New_York" },
      restoreMocks: true,
      testTimeout: 20_000,
    },
  }),
);
