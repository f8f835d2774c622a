// ESLint for the whole tree (flat config). Formatting is Prettier's job, so no stylistic rules.
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { layersRule } from "./rules/layers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Which server layers each layer may not import from (directories under ivr/src). */
export const FORBIDDEN_LAYERS = {
  domain: ["call-flow", "adapters", "transport", "worker"],
  contracts: ["domain", "call-flow", "adapters", "transport", "worker"],
  "call-flow": ["adapters", "transport", "worker"],
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "ivr/src/generated/**",
      "agent-console/dist/**",
      "bench-results/**",
      "data/**",
      "tmp/**",
      "tools/lint/fixtures/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { local: { rules: { layers: layersRule } } },
    rules: {
      "local/layers": ["error", { root, forbidden: FORBIDDEN_LAYERS }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Tests read untyped JSON answers and socket acks; they assert on the shape instead.
    files: ["**/*.test.{ts,tsx}", "ivr/test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["agent-console/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    // The classic hooks rules; the React Compiler's stricter ones are not adopted (no compiler here).
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
);
