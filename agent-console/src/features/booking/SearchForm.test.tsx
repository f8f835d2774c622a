import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { searchResult } from "../../test/fixtures.ts";
import { renderApp } from "../../test/render-app.tsx";

describe("search dates", () => {
  it("when a date is entered, then it is typed TT.MM.JJJJ like every other date, and a wrong one is refused in German", async () => {
    const { user, api } = await renderApp({ routes: { "GET /api/search": { body: searchResult() } } });
    const form = screen.getByRole("form", { name: "Termine suchen" });
    expect(document.querySelector('input[type="date"], input[type="datetime-local"]')).toBeNull();
    const date = within(form).getByLabelText("Ab Datum (TT.MM.JJJJ, optional)");
    expect(date).toHaveAttribute("placeholder", "TT.MM.JJJJ");
    await user.type(within(form).getByLabelText("Postleitzahl"), "33330");

    for (const wrong of ["2021-02-01", "31.02.2021"]) {
      await user.clear(date);
      await user.type(date, wrong);
      await user.click(within(form).getByRole("button", { name: "Suchen" }));
      expect(date).toHaveAccessibleDescription("Bitte das Datum als TT.MM.JJJJ eingeben, zum Beispiel 01.02.2021.");
      expect(date).toHaveAttribute("aria-invalid", "true");
    }
    expect(api.to("GET /api/search")).toHaveLength(0);

    await user.clear(date);
    await user.type(date, "01.02.2021");
    await user.click(within(form).getByRole("button", { name: "Suchen" }));
    expect(api.to("GET /api/search")[0]!.query.get("date")).toBe("2021-02-01");
    expect(date).not.toHaveAttribute("aria-invalid");
  });
});
