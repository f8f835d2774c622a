import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { openControls } from "../test/fixtures.ts";

const control = () => screen.getByRole("region", { name: "Ansage nach der Begrüßung" });
const text = (label: string) => within(control()).getByLabelText(label);

describe("Leitstand: announcement", () => {
  it("when German is empty, then it cannot be saved; after saving, the languages without a translation are named", async () => {
    const { user, api } = await openControls({
      routes: {
        "PUT /api/supervisor/announcement": {
          body: {
            announcement: {
              de: "Neue Termine ab Montag.",
              en: "New appointments from Monday.",
              tr: "Pazartesiden itibaren yeni randevular.",
            },
            missing: ["ru", "pl", "ar"],
          },
        },
      },
    });
    await screen.findByRole("region", { name: "Ansage nach der Begrüßung" });
    expect(text("Deutsch (Pflichtfeld)")).toHaveValue("Zurzeit ist der Impfstoff knapp.");
    expect(text("Englisch")).toHaveValue("Vaccine is scarce at the moment.");
    expect(text("Arabisch")).toHaveAttribute("dir", "rtl");

    await user.clear(text("Deutsch (Pflichtfeld)"));
    expect(within(control()).getByRole("button", { name: "Ansage speichern" })).toBeDisabled();
    await user.type(text("Deutsch (Pflichtfeld)"), "Neue Termine ab Montag.");
    await user.clear(text("Englisch"));
    await user.type(text("Englisch"), "New appointments from Monday.");
    await user.type(text("Türkisch"), "Pazartesiden itibaren yeni randevular.");
    await user.click(within(control()).getByRole("button", { name: "Ansage speichern" }));

    const dialog = screen.getByRole("alertdialog", { name: "Ansage speichern?" });
    expect(api.to("PUT /api/supervisor/announcement")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Ja, speichern" }));

    expect(await within(control()).findByText("Die Ansage wurde gespeichert.")).toHaveAttribute("role", "status");
    expect(api.to("PUT /api/supervisor/announcement")[0]!.body).toEqual({
      texts: {
        de: "Neue Termine ab Montag.",
        en: "New appointments from Monday.",
        tr: "Pazartesiden itibaren yeni randevular.",
        ru: "",
        pl: "",
        ar: "",
      },
    });
    expect(
      within(control()).getByText(
        "Ohne Übersetzung – diese Anrufenden hören die deutsche Ansage: Russisch, Polnisch, Arabisch",
      ),
    ).toHaveAttribute("role", "alert");
  });

  it("when the announcement is removed, then empty texts are sent after a confirmation and no warning shows", async () => {
    const { user, api } = await openControls({
      routes: { "PUT /api/supervisor/announcement": { body: { announcement: {}, missing: [] } } },
    });
    await screen.findByRole("region", { name: "Ansage nach der Begrüßung" });
    await user.click(within(control()).getByRole("button", { name: "Ansage entfernen" }));
    await user.click(
      within(screen.getByRole("alertdialog", { name: "Ansage entfernen?" })).getByRole("button", {
        name: "Ja, entfernen",
      }),
    );

    expect(await within(control()).findByText("Die Ansage wurde entfernt.")).toBeInTheDocument();
    expect(api.to("PUT /api/supervisor/announcement")[0]!.body).toEqual({
      texts: { de: "", en: "", tr: "", ru: "", pl: "", ar: "" },
    });
    expect(text("Deutsch (Pflichtfeld)")).toHaveValue("");
    expect(within(control()).queryByText(/^Ohne Übersetzung –/)).not.toBeInTheDocument();
    expect(within(control()).queryByRole("button", { name: "Ansage entfernen" })).not.toBeInTheDocument();
  });
});
