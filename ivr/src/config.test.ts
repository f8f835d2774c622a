// The production guard (issue 15, item 7): with NODE_ENV=production or TELEPHONY=twilio the
// published defaults are refused, each named; in development they are the demo's.
import { describe, expect, it } from "vitest";
import { loadConfig, unsafeSettings } from "./config.ts";

const SAFE = {
  TWILIO_AUTH_TOKEN: "0123456789abcdef0123456789abcdef",
  METRICS_TOKEN: "a-long-random-metrics-token",
  SUPERVISOR_ACCOUNTS: "chefin:Clara Chef:ein-sicheres-passwort",
};

describe("the production guard", () => {
  it.each([{ NODE_ENV: "production" }, { TELEPHONY: "twilio" }])(
    "when %o starts with the defaults, then it refuses, naming the token, the demo password and the metrics token",
    (mode) => {
      expect(() => loadConfig(mode)).toThrow(
        /^Refusing to start with (NODE_ENV=production|TELEPHONY=twilio) and these unsafe settings:\n {2}TWILIO_AUTH_TOKEN is the published default .*\n {2}SUPERVISOR_ACCOUNTS holds the README's demo password for leitung.*\n {2}METRICS_TOKEN is not set/,
      );
    },
  );

  it("when the settings are set, then production starts; a short first-supervisor password is still refused", () => {
    expect(loadConfig({ NODE_ENV: "production", ...SAFE }).NODE_ENV).toBe("production");
    const short = loadConfig({ ...SAFE, SUPERVISOR_ACCOUNTS: "chefin:Clara Chef:kurz" });
    expect(unsafeSettings({ ...short, NODE_ENV: "production" })).toEqual([
      "SUPERVISOR_ACCOUNTS: the password of chefin is shorter than 12 characters",
    ]);
  });

  it("when in development, then the demo defaults are accepted and the demo accounts are the seed", () => {
    const config = loadConfig({});
    expect(unsafeSettings(config)).toEqual([]);
    expect(config.AGENT_ACCOUNTS.map((a) => `${a.id}:${a.password}`)).toEqual(["anna:impfen-anna", "ben:impfen-ben"]);
    expect(config.SUPERVISOR_ACCOUNTS.map((a) => a.role)).toEqual(["supervisor"]);
  });

  it("when an account entry is malformed, then the configuration names it", () => {
    expect(() => loadConfig({ AGENT_ACCOUNTS: "anna:only-a-name" })).toThrow(/AGENT_ACCOUNTS: account "anna:…"/);
  });
});
