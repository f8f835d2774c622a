import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

beforeEach(() => {
  window.location.hash = "";
  localStorage.clear();
  // The server's readable "signed in" marker: with it the console asks GET /api/auth/me,
  // whose answer each test mocks (a test of the signed-out start removes it).
  document.cookie = "hotline_signed_in=1; path=/";
  // Any React warning or error logged during a test fails it: the console must be quiet.
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error: ${args.map(String).join(" ")}`);
  });
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.warn: ${args.map(String).join(" ")}`);
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
