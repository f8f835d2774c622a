import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration tests share one PostgreSQL server; files run one after another there.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "Europe/Berlin" },
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          include: ["ivr/src/**/*.test.ts", "ivr/test/**/*.test.ts", "scripts/**/*.test.ts", "tools/lint/*.test.ts"],
          environment: "node",
        },
      },
      // The agent console's component tests (jsdom), configured in agent-console/vitest.config.ts.
      "agent-console",
    ],
  },
});
