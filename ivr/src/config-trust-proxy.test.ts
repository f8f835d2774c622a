import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";

const trust = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;

describe("TRUST_PROXY", () => {
  it("when unset, then no X-Forwarded-For is believed", () => {
    expect([trust(), trust(""), trust("false"), trust("0")]).toEqual([false, false, false, false]);
  });

  it("when a hop count or the proxies' addresses are given, then exactly those", () => {
    expect(trust("1")).toBe(1);
    expect(trust("10.0.0.0/8, 192.0.2.7,loopback, 2001:db8::/32")).toEqual([
      "10.0.0.0/8",
      "192.0.2.7",
      "loopback",
      "2001:db8::/32",
    ]);
  });

  it("when it would believe anyone, or is not an address, then the server does not start", () => {
    for (const bad of ["true", "yes", "10.0.0.0/33", "proxy.example.de", "11"]) {
      expect(() => trust(bad), bad).toThrow(/TRUST_PROXY: expected a number of proxies/);
    }
  });
});
