import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { auditAnswer, openControls } from "../test/fixtures.ts";

describe("Leitstand: audit log", () => {
  it("when the log loads, then each action shows when (Berlin time), who (by name) and what, all in German", async () => {
    const { user, api } = await openControls();
    const table = await screen.findByRole("table", { name: "Letzte Änderungen, neueste zuerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      [
        "Mo., 25.01.2021, 16:58 Uhr",
        "Bernd Vogel",
        "Einstellungen geändert",
        "Kapazität der Warteschlange (Anrufe): 500",
      ],
      [
        "Mo., 25.01.2021, 15:30 Uhr",
        "Clara Weiß",
        "Impfstoff freigegeben",
        "KV-Region: KV Hessen · Woche ab: 01.02.2021 · Dosen: 1.000 · Terminpaare: 500",
      ],
    ]);

    await user.click(
      within(screen.getByRole("region", { name: "Protokoll der Leitung" })).getByRole("button", {
        name: "Aktualisieren",
      }),
    );
    expect(api.to("GET /api/supervisor/audit")).toHaveLength(2);
  });

  it("when accounts, privacy requests and the announcement were changed, then no English key or ISO date shows", async () => {
    const at = "2021-01-25T10:00:00.000Z";
    const actions = [
      {
        agentId: "u-lead-1",
        action: "account.create",
        details: { account: "dora", role: "agent", passwordDrawn: true },
        at,
      },
      { agentId: "system", action: "account.disable", details: { account: "anna", reason: "demo-password" }, at },
      { agentId: "u-lead-1", action: "person_erased", details: { personId: 17, bookingsCancelled: 1 }, at },
      { agentId: "u-lead-1", action: "announcement.set", details: { texts: { de: "Heute länger geöffnet." } }, at },
      {
        agentId: "u-lead-1",
        action: "settings.update",
        details: { hotline: { opensAt: "07:00" }, callbacks: { retryDelaysMinutes: [10, 60] } },
        at,
      },
    ];
    await openControls({ routes: { "GET /api/supervisor/audit": { body: { ...auditAnswer(), actions } } } });
    const table = await screen.findByRole("table", { name: "Letzte Änderungen, neueste zuerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.children].slice(2).map((c) => c.textContent))).toEqual([
      ["Konto angelegt", "Konto: dora · Rolle: Agent:in · Passwort vom System erzeugt: Ja"],
      ["Konto gesperrt", "Konto: anna · Grund: Demo-Passwort"],
      ["Personendaten gelöscht", "Person-Nr.: 17 · Termine abgesagt: 1"],
      ["Ansage geändert", "Ansage Deutsch: Heute länger geöffnet."],
      ["Einstellungen geändert", "Geöffnet von (HH:MM): 07:00 · Abstände zwischen den Versuchen (Minuten): 10, 60"],
    ]);
    expect(rows[0]!.children[0]).toHaveTextContent("Mo., 25.01.2021, 11:00 Uhr");
  });
});
