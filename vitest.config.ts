import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["ivr/src/**/*.test.ts", "ivr/test/**/*.test.ts", "scripts/**/*.test.ts"],
    // Integration tests share one PostgreSQL server; files run one after another there.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "Europe/Berlin" },
  },
});
