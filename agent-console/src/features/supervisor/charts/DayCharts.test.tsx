import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { error } from "../../../test/mock-api.ts";
import { openLeitstand } from "../test/fixtures.ts";

const chart = (name: string) => screen.getByRole("figure", { name });

describe("Leitstand: the day's charts", () => {
  afterEach(() => void vi.useRealTimers());

  it("when today's series load, then each chart is drawn with German axes and times, and sums itself up in words", async () => {
    const { api } = await openLeitstand();
    const queue = await screen.findByRole("figure", { name: "Wartende Anrufe" });
    expect(api.to("GET /api/supervisor/day")[0]!.query.get("day")).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The drawing is one image with a summary; the axes are labelled and show "HH:MM" in Berlin time.
    expect(
      within(queue).getByRole("img", { name: "Wartende Anrufe: zuletzt 7 um 10:00 Uhr, Höchstwert 14 um 08:45 Uhr." }),
    ).toBeInTheDocument();
    const svgText = [...queue.querySelectorAll("svg text")].map((n) => n.textContent);
    expect(svgText).toEqual(expect.arrayContaining(["Uhrzeit", "Anrufe", "08:00", "09:00", "10:00"]));

    expect(
      within(chart("Längste Wartezeit")).getByRole("img", {
        name: "Längste Wartezeit: zuletzt 5 Min. um 10:00 Uhr, Höchstwert 15 Min. um 08:45 Uhr.",
      }),
    ).toBeInTheDocument();
    expect([...chart("Längste Wartezeit").querySelectorAll("svg text")].map((n) => n.textContent)).toContain("Minuten");
    expect(
      within(chart("Buchungen je Stunde")).getByRole("img", {
        name: "Buchungen je Stunde: zuletzt 40 um 10:00 Uhr, Höchstwert 180 um 09:00 Uhr.",
      }),
    ).toBeInTheDocument();
    expect(chart("Buchungen je Stunde").querySelectorAll(".recharts-bar-rectangle")).toHaveLength(3);
    expect(
      within(chart("Freie Terminpaare (alle Regionen)")).getByRole("img", {
        name: /^Freie Terminpaare \(alle Regionen\): zuletzt 8\.200 um 10:00 Uhr/,
      }),
    ).toBeInTheDocument();
  });

  it("when a chart is read without seeing it, then a table lists its values hour by hour", async () => {
    await openLeitstand();
    await screen.findByRole("figure", { name: "Wartende Anrufe" });

    const peaks = within(chart("Wartende Anrufe")).getByRole("table", {
      name: "Wartende Anrufe: Höchstwert je Stunde",
    });
    expect(
      within(peaks)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual(["StundeAnrufe", "08:0014", "09:0011", "10:007"]);

    const levels = within(chart("Freie Terminpaare (alle Regionen)")).getByRole("table", {
      name: "Freie Terminpaare (alle Regionen): Stand am Ende jeder Stunde",
    });
    expect(
      within(levels)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual(["StundeTerminpaare", "08:008.700", "09:008.300", "10:008.200"]);

    const bookings = within(chart("Buchungen je Stunde")).getByRole("table", {
      name: "Buchungen je Stunde: Summe je Stunde",
    });
    expect(
      within(bookings)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual(["StundeBuchungen", "08:00120", "09:00180", "10:0040"]);

    const waits = within(chart("Längste Wartezeit")).getByRole("table", {
      name: "Längste Wartezeit: Höchstwert je Stunde",
    });
    expect(within(waits).getAllByRole("row")[1]).toHaveTextContent("08:0015 Min.");
  });

  it("when a series has no values yet, then the chart says so instead of drawing", async () => {
    await openLeitstand({
      routes: { "GET /api/supervisor/day": { body: { day: "2021-01-25", series: { bookings_per_hour: [] } } } },
    });
    expect(await screen.findByText("Wartende Anrufe: für heute noch keine Werte.")).toBeInTheDocument();
    expect(chart("Buchungen je Stunde").querySelector("svg")).toBeNull();
  });

  it("when a minute has passed, then the series are loaded again; a failure shows the server's message", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { api } = await openLeitstand();
    await screen.findByRole("figure", { name: "Wartende Anrufe" });
    expect(api.to("GET /api/supervisor/day")).toHaveLength(1);

    api.set(
      "GET /api/supervisor/day",
      error(503, "database_unavailable", "Die Datenbank ist gerade nicht erreichbar."),
    );
    act(() => void vi.advanceTimersByTime(60_000));
    await waitFor(() => expect(api.to("GET /api/supervisor/day")).toHaveLength(2));
    const section = screen.getByRole("region", { name: "Verlauf heute" });
    expect(await within(section).findByRole("alert")).toHaveTextContent("Die Datenbank ist gerade nicht erreichbar.");
    // The last figures stay up.
    expect(chart("Wartende Anrufe")).toBeInTheDocument();
  });
});
