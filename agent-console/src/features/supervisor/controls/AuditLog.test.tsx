import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { openControls } from "../test/fixtures.ts";

describe("Leitstand: audit log", () => {
  it("when the log loads, then each action shows when (Berlin time), who (by name) and what", async () => {
    const { user, api } = await openControls();
    const table = await screen.findByRole("table", { name: "Letzte Änderungen, neueste zuerst" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ["Mo., 25.01.2021, 16:58 Uhr", "Bernd Vogel", "Einstellungen geändert", "queue.capacity: 500"],
      [
        "Mo., 25.01.2021, 15:30 Uhr",
        "Clara Weiß",
        "Impfstoff freigegeben",
        "regionId: hessen · weekStart: 2021-02-01 · doses: 1000 · pairs: 500",
      ],
    ]);

    await user.click(
      within(screen.getByRole("region", { name: "Protokoll der Leitung" })).getByRole("button", {
        name: "Aktualisieren",
      }),
    );
    expect(api.to("GET /api/supervisor/audit")).toHaveLength(2);
  });
});
