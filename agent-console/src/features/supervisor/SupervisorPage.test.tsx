import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { agent, fact } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";
import { answerSnapshot, openLeitstand, snapshot } from "./test/fixtures.ts";

const tile = (name: string) => screen.getByRole("region", { name });

describe("Leitstand", () => {
  it("when an agent opens #/supervisor, then access is denied and no supervisor API is called", async () => {
    window.location.hash = "#/supervisor";
    const { api, socket } = await renderApp({ user: agent });
    expect(screen.getByText("Kein Zugriff: Diese Seite ist der Leitung vorbehalten.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Leitstand" })).not.toBeInTheDocument();
    expect(api.requests.filter((r) => r.pathname.startsWith("/api/supervisor"))).toEqual([]);
    expect(socket.emitted.filter((e) => e.event.startsWith("supervisor:"))).toEqual([]);
    expect(socket.listenerCount("supervisor:wallboard")).toBe(0);
  });

  it("when the snapshot arrives, then every tile shows its figures with German labels and the Berlin time", async () => {
    await openLeitstand();
    expect(screen.getByText("Stand: 17:05:12")).toBeInTheDocument();

    const kpis = tile("Die Lage auf einen Blick");
    expect(fact(kpis, "Wartende Anrufe")).toBe("7");
    expect(fact(kpis, "Längste Wartezeit")).toBe("12:34");

    const menu = tile("Im Sprachmenü");
    expect(fact(menu, "Anrufe im Menü")).toBe("13");
    // In the order a caller meets the steps, with the call desk's step names.
    expect([...menu.querySelectorAll(".rows dt")].map((dt) => dt.textContent)).toEqual([
      "Begrüßung",
      "Postleitzahl",
      "Warteschleife",
    ]);
    expect(fact(menu, "Warteschleife")).toBe("7");

    const agents = tile("Agent:innen nach Status");
    expect(fact(agents, "Verfügbar")).toBe("3");
    expect(fact(agents, "Im Gespräch")).toBe("9");
    expect(fact(agents, "Nachbearbeitung")).toBe("2");
    expect(fact(agents, "Pause")).toBe("1");
    expect(fact(agents, "Abgemeldet")).toBe("0");

    const callbacks = tile("Rückrufe");
    expect(fact(callbacks, "Geplant")).toBe("120");
    expect(fact(callbacks, "Fällig")).toBe("14");
    expect(fact(callbacks, "Überfällig (über 30 Min.)")).toBe("3");
    expect(fact(callbacks, "In Bearbeitung")).toBe("5");
    expect(fact(callbacks, "Gescheitert")).toBe("8");
    expect(fact(callbacks, "Erledigt")).toBe("230");
    expect(fact(callbacks, "Warten auf Impfstoff")).toBe("1.250");
    expect(fact(callbacks, "Anrufversuche")).toBe("412");

    const bookings = within(tile("Buchungen")).getByRole("table", { name: "Buchungen nach Kanal und Zeitraum" });
    expect(within(bookings).getByRole("row", { name: "Telefon 12 48 1.532" })).toBeInTheDocument();
    expect(within(bookings).getByRole("row", { name: "Agent 5 17 410" })).toBeInTheDocument();
    expect(within(bookings).getByRole("row", { name: "Web 0 3 77" })).toBeInTheDocument();
    expect(within(bookings).getByRole("row", { name: "Gesamt 17 68 2.019" })).toBeInTheDocument();

    const regions = tile("Freie Terminpaare je KV-Region");
    expect(fact(regions, "KV Nordrhein")).toBe("8.450");
    expect(fact(regions, "KV Westfalen-Lippe")).toBe("12");
    expect(fact(regions, "KV Hessen")).toBe("0 ■ Voll");

    const webhooks = tile("Sprachmenü-Server (letzte Minute)");
    expect(fact(webhooks, "Antwortzeit (95. Perzentil)")).toBe("183 ms");
    expect(fact(webhooks, "Fehlerquote")).toBe("1,2\u00a0%");
    expect(fact(webhooks, "Anfragen")).toBe("5.321");
  });

  it("when centres are full or nearly full, then they come first, marked by a word and not by colour alone", async () => {
    await openLeitstand();
    const centres = tile("Impfzentren");
    expect(within(centres).getByText("1 voll, 1 fast voll (von 3 Impfzentren)")).toBeInTheDocument();
    const table = within(centres).getByRole("table", {
      name: "Freie Terminpaare je Impfzentrum – volle und fast volle zuerst",
    });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      "Impfzentrum FrankfurtKV Hessen0■ Voll",
      "Impfzentrum GüterslohKV Westfalen-Lippe12▲ Fast voll",
      "Impfzentrum KölnKV Nordrhein8.450Ausreichend",
    ]);
    // The symbol is decoration; assistive technology reads the word.
    expect(within(rows[0]!).getByText("■").getAttribute("aria-hidden")).toBe("true");
  });

  it("when the server pushes a new snapshot, then the figures and the time follow", async () => {
    const { socket } = await openLeitstand();
    expect(fact(tile("Die Lage auf einen Blick"), "Wartende Anrufe")).toBe("7");

    const next = snapshot({ at: "2021-01-25T16:05:14.000Z" });
    socket.serverEmit("supervisor:wallboard", {
      ...next,
      queue: { ...next.queue, waiting: 23, longestWaitSeconds: 61 },
      callbacks: { ...next.callbacks, overdue: 0 },
    });
    expect(screen.getByText("Stand: 17:05:14")).toBeInTheDocument();
    expect(fact(tile("Die Lage auf einen Blick"), "Wartende Anrufe")).toBe("23");
    expect(fact(tile("Die Lage auf einen Blick"), "Längste Wartezeit")).toBe("01:01");
    expect(fact(tile("Rückrufe"), "Überfällig (über 30 Min.)")).toBe("0");
  });

  it("when the server refuses the snapshot, then its message shows instead of the tiles", async () => {
    const { socket } = await openLeitstand({ live: null });
    answerSnapshot(socket, {
      error: { code: "database_unavailable", message: "Die Datenbank ist gerade nicht erreichbar." },
    });
    expect(screen.getByText("Die Datenbank ist gerade nicht erreichbar.")).toHaveAttribute("role", "alert");
    expect(screen.queryByRole("region", { name: "Die Lage auf einen Blick" })).not.toBeInTheDocument();
  });

  it("when the supervisor switches to English, then the wallboard's labels follow", async () => {
    const { user } = await openLeitstand();
    await user.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByRole("heading", { name: "Control room", level: 2 })).toBeInTheDocument();
    expect(fact(tile("The hotline at a glance"), "Calls waiting")).toBe("7");
    expect(fact(tile("The hotline at a glance"), "Occupancy")).toBe("83%");
    expect(fact(tile("Phone menu server (last minute)"), "Error rate")).toBe("1.2%");
    expect(screen.getByText("As of 17:05:12")).toBeInTheDocument();
  });

  it("when the service figures arrive, then the big tiles show them with a level word, not colour alone", async () => {
    await openLeitstand();
    const kpis = tile("Die Lage auf einen Blick");
    const box = (label: string) => within(kpis).getByText(label).closest(".kpi")!;
    // The quarter-hour's service level (3 of 7), red below 60 %: colour, symbol and word.
    expect(box("Servicelevel").textContent).toBe("Servicelevel43\u00a0%■ KritischZiel 80 % in 60 s · heute 74\u00a0%");
    expect(box("Servicelevel")).toHaveClass("kpi-critical");
    expect(box("Rückrufe überfällig").textContent).toBe("Rückrufe überfällig3▲ Achtungfällig: 14");
    expect(fact(kpis, "Angenommen heute")).toBe("1.001");
    expect(box("Angenommen heute").textContent).toContain("von 1.240 angeboten");
    expect(box("Aufgelegt heute").textContent).toBe("Aufgelegt heute96Abbruchquote 8\u00a0%");
    expect(fact(kpis, "Ø Wartezeit bis Annahme")).toBe("00:48");
    expect(fact(kpis, "Ø Bearbeitungs\u00adzeit")).toBe("04:47");
    expect(fact(kpis, "Auslastung")).toBe("83\u00a0%");
    expect(box("Ø Abweichung von der Ansage").textContent).toBe(
      "Ø Abweichung von der Ansage1,3Min. · 801 von 950 im Rahmen",
    );
  });

  it("when the service table is read, then the quarter-hour stands beside the day with every count", async () => {
    await openLeitstand();
    const table = within(tile("Servicewerte")).getByRole("table", {
      name: "Servicewerte der laufenden Viertelstunde und des Tages",
    });
    const row = (name: string) => within(table).getByRole("row", { name: new RegExp(`^${name} `) }).textContent;
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Kennzahl", "17:00–17:15", "Heute"]);
    expect(row("Angeboten")).toBe("Angeboten91.240");
    expect(row("Kurz aufgelegt \\(bis 5 s\\)")).toBe("Kurz aufgelegt (bis 5 s)131");
    expect(row("Zum Rückruf gewechselt")).toBe("Zum Rückruf gewechselt1104");
    expect(row("Ø Bearbeitungszeit")).toBe("Ø Bearbeitungszeit05:1204:47");
  });

  it("when agents are listed, then each shows state, time in state and calls today; a long wrap-up is flagged in words", async () => {
    await openLeitstand();
    const table = within(tile("Agent:innen")).getByRole("table");
    expect(
      within(table)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual([
      "NameStatusIm StatusHeute",
      "Anna BeckerIm Gespräch03:1231",
      "Ben KayaNachbearbeitung ▲ Nachbearbeitung zu lang04:0027",
    ]);
  });
});
