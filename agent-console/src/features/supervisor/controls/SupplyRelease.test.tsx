import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fact } from "../../../test/fixtures.ts";
import { error } from "../../../test/mock-api.ts";
import { openControls } from "../test/fixtures.ts";

const control = () => screen.getByRole("region", { name: "Impfstoff freigeben" });
const preview = {
  doses: 1000,
  pairs: 500,
  unscheduled: 20,
  perCentre: [
    { centreId: 30, name: "Impfzentrum Frankfurt", pairs: 300 },
    { centreId: 31, name: "Impfzentrum Kassel", pairs: 200 },
  ],
};

async function fillIn(user: Awaited<ReturnType<typeof openControls>>["user"], doses: string) {
  await user.selectOptions(within(control()).getByLabelText("KV-Region"), "KV Hessen");
  const week = within(control()).getByLabelText("Woche ab (TT.MM.JJJJ)");
  await user.clear(week);
  await user.type(week, "03.02.2031");
  await user.type(within(control()).getByLabelText("Dosen"), doses);
}

describe("Leitstand: releasing vaccine", () => {
  it("when the supervisor previews and then confirms, then both requests carry the same body and the result shows", async () => {
    const { user, api } = await openControls({
      routes: {
        "POST /api/supervisor/supply/preview": { body: preview },
        "POST /api/supervisor/supply/release": {
          status: 201,
          body: { releaseId: 9, pairs: 500, unscheduled: 20, callbacksScheduled: 12 },
        },
      },
    });
    await fillIn(user, "1.000");
    expect(within(control()).queryByRole("button", { name: "Freigeben" })).not.toBeInTheDocument();
    await user.click(within(control()).getByRole("button", { name: "Vorschau" }));

    const body = { regionId: "hessen", weekStart: "2031-02-03", doses: 1000 };
    expect(
      await within(control()).findByText("Vorschau für 1.000 Dosen, KV Hessen, Woche ab 03.02.2031:"),
    ).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/supply/preview")[0]!.body).toEqual(body);
    expect(fact(control(), "Terminpaare")).toBe("500");
    expect(fact(control(), "Nicht einplanbare Terminpaare")).toBe("20");
    const perCentre = within(control()).getByRole("table", { name: "Verteilung auf die Impfzentren" });
    expect(within(perCentre).getByRole("row", { name: "Impfzentrum Frankfurt 300" })).toBeInTheDocument();
    expect(within(perCentre).getByRole("row", { name: "Impfzentrum Kassel 200" })).toBeInTheDocument();

    await user.click(within(control()).getByRole("button", { name: "Freigeben" }));
    const dialog = screen.getByRole("alertdialog", { name: "Impfstoff freigeben?" });
    expect(dialog).toHaveAccessibleDescription(
      "500 Terminpaare für KV Hessen ab 03.02.2031 werden sofort buchbar. Das lässt sich nicht rückgängig machen.",
    );
    expect(api.to("POST /api/supervisor/supply/release")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Ja, freigeben" }));

    expect(
      await within(control()).findByText("Freigegeben: 500 Terminpaare (20 nicht einplanbar), 12 Rückrufe geplant."),
    ).toHaveAttribute("role", "status");
    expect(api.to("POST /api/supervisor/supply/release").map((r) => r.body)).toEqual([body]);
    // The log shows the new action.
    await waitFor(() => expect(api.to("GET /api/supervisor/audit")).toHaveLength(2));
  });

  it("when an input changes after the preview, then the preview is dropped and nothing can be released from it", async () => {
    const { user } = await openControls({ routes: { "POST /api/supervisor/supply/preview": { body: preview } } });
    await fillIn(user, "1000");
    await user.click(within(control()).getByRole("button", { name: "Vorschau" }));
    await within(control()).findByRole("button", { name: "Freigeben" });
    await user.type(within(control()).getByLabelText("Dosen"), "0");
    expect(within(control()).queryByRole("button", { name: "Freigeben" })).not.toBeInTheDocument();
  });

  it("when the doses are not a whole number of at least 2, then the console says so and asks nothing", async () => {
    const { user, api } = await openControls();
    await fillIn(user, "1");
    await user.click(within(control()).getByRole("button", { name: "Vorschau" }));
    expect(within(control()).getByLabelText("Dosen")).toHaveAccessibleDescription(
      "Bitte eine ganze Zahl von 2 bis 5.000.000 Dosen eingeben.",
    );
    expect(api.to("POST /api/supervisor/supply/preview")).toHaveLength(0);
  });

  it("when the week is not a date from today on, then the console says so and asks nothing", async () => {
    const { user, api } = await openControls();
    const week = within(control()).getByLabelText("Woche ab (TT.MM.JJJJ)");
    expect((week as HTMLInputElement).value).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await user.clear(week);
    await user.type(week, "01.02.2021");
    await user.type(within(control()).getByLabelText("Dosen"), "1000");
    await user.click(within(control()).getByRole("button", { name: "Vorschau" }));
    expect(week).toHaveAccessibleDescription("Bitte ein Datum ab heute als TT.MM.JJJJ eingeben.");
    expect(api.to("POST /api/supervisor/supply/preview")).toHaveLength(0);
  });

  it("when the server refuses the supply, then its message shows", async () => {
    const { user } = await openControls({
      routes: {
        "POST /api/supervisor/supply/preview": error(
          400,
          "supply_invalid",
          "Die Angaben zur Liefermenge sind nicht gültig.",
        ),
      },
    });
    await fillIn(user, "1000");
    await user.click(within(control()).getByRole("button", { name: "Vorschau" }));
    expect(await within(control()).findByText("Die Angaben zur Liefermenge sind nicht gültig.")).toHaveAttribute(
      "role",
      "alert",
    );
  });
});
