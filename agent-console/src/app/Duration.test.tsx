import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n.ts";
import { Countdown } from "./Countdown.tsx";
import { Duration } from "./Duration.tsx";

const inGerman = (ui: ReactNode) => render(<I18nextProvider i18n={createI18n("de")}>{ui}</I18nextProvider>);
const inSeconds = (s: number) => new Date(Date.now() + s * 1000 - 200).toISOString();

describe("durations", () => {
  it("when a callback's pair is held for 24 hours, then the countdown reads hours and minutes, not 1439:52", () => {
    inGerman(<Countdown until={inSeconds(86_392)} />);
    expect(screen.getByRole("timer")).toHaveTextContent("läuft ab in 23 Std. 59 Min.");
  });

  it("when less than an hour is left, then the countdown reads minutes and seconds", () => {
    inGerman(<Countdown until={inSeconds(3_599)} />);
    expect(screen.getByRole("timer")).toHaveTextContent("läuft ab in 59:59");
  });

  it("when a wait lasted over an hour, then it reads in hours and minutes", () => {
    const { container } = inGerman(
      <>
        <Duration seconds={5_025} />|<Duration seconds={200} />
      </>,
    );
    expect(container).toHaveTextContent("1 Std. 23 Min.|3 Min. 20 Sek.");
  });
});
