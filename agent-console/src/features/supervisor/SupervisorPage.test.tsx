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

    const queue = tile("Warteschlange");
    expect(fact(queue, "Wartende Anrufe")).toBe("7");
    expect(fact(queue, "Längste Wartezeit")).toBe("12:34");
    expect(within(queue).getByRole("heading", { name: "Letzte Stunde (41 Anrufe angenommen)" })).toBeInTheDocument();
    expect(fact(queue, "Ø angesagte Wartezeit")).toBe("12 Min.");
    expect(fact(queue, "Ø tatsächliche Wartezeit")).toBe("9,5 Min.");
    expect(fact(queue, "Ø Abweichung von der Ansage")).toBe("1,3 Min.");

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
    expect(fact(tile("Warteschlange"), "Wartende Anrufe")).toBe("7");

    const next = snapshot({ at: "2021-01-25T16:05:14.000Z" });
    socket.serverEmit("supervisor:wallboard", {
      ...next,
      queue: { ...next.queue, waiting: 23, longestWaitSeconds: 61 },
      callbacks: { ...next.callbacks, overdue: 0 },
    });
    expect(screen.getByText("Stand: 17:05:14")).toBeInTheDocument();
    expect(fact(tile("Warteschlange"), "Wartende Anrufe")).toBe("23");
    expect(fact(tile("Warteschlange"), "Längste Wartezeit")).toBe("01:01");
    expect(fact(tile("Rückrufe"), "Überfällig (über 30 Min.)")).toBe("0");
  });

  it("when the server refuses the snapshot, then its message shows instead of the tiles", async () => {
    const { socket } = await openLeitstand({ live: null });
    answerSnapshot(socket, {
      error: { code: "database_unavailable", message: "Die Datenbank ist gerade nicht erreichbar." },
    });
    expect(screen.getByText("Die Datenbank ist gerade nicht erreichbar.")).toHaveAttribute("role", "alert");
    expect(screen.queryByRole("region", { name: "Warteschlange" })).not.toBeInTheDocument();
  });

  it("when the supervisor switches to English, then the wallboard's labels follow", async () => {
    const { user } = await openLeitstand();
    await user.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByRole("heading", { name: "Control room", level: 2 })).toBeInTheDocument();
    expect(fact(tile("Queue"), "Callers waiting")).toBe("7");
    expect(fact(tile("Phone menu server (last minute)"), "Error rate")).toBe("1.2%");
    expect(screen.getByText("As of 17:05:12")).toBeInTheDocument();
  });
});
