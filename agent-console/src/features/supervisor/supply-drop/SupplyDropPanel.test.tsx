import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fact } from "../../../test/fixtures.ts";
import { error } from "../../../test/mock-api.ts";
import { openControls, openLeitstand } from "../test/fixtures.ts";

const panel = () => screen.getByRole("region", { name: "Lieferung fällt aus oder wird gekürzt" });
const preview = {
  dropId: 4,
  regionId: "westfalen-lippe",
  vaccineId: "biontech",
  weekStart: "2031-02-03",
  dosesDelivered: 1200,
  dosesLost: 400,
  pairsLost: 200,
  shiftDays: 21,
  invitationHolds: 30,
  freePairs: 120,
  protectedPairs: 15,
  movesNeeded: 50,
  moving: 48,
  unmovable: 2,
  shortfall: 2,
  byDay: [
    { from: "2031-02-08", to: "2031-03-01", pairs: 40 },
    { from: "2031-02-09", to: "2031-03-02", pairs: 8 },
  ],
};

async function fillIn(user: Awaited<ReturnType<typeof openControls>>["user"]) {
  await user.selectOptions(within(panel()).getByLabelText("KV-Region"), "KV Westfalen-Lippe");
  const week = within(panel()).getByLabelText("Woche ab (TT.MM.JJJJ)");
  await user.clear(week);
  await user.type(week, "03.02.2031");
  await user.type(within(panel()).getByLabelText("Dosen weniger"), "400");
}

describe("Leitstand: a supply drop", () => {
  it("when the supervisor previews, then the plan shows by day; executing sends the previewed drop's id", async () => {
    const { user, api } = await openControls({
      routes: {
        "POST /api/supervisor/supply-drops/preview": { status: 201, body: preview },
        // Started: the server answers at once and the panel asks for progress until done.
        "POST /api/supervisor/supply-drops/4/execute": {
          status: 202,
          body: { dropId: 4, status: "executing", moving: 48, moved: 0, result: null },
        },
        "GET /api/supervisor/supply-drops/4": [
          { body: { dropId: 4, status: "executing", moving: 48, moved: 17, result: null } },
          {
            body: {
              dropId: 4,
              status: "executed",
              moving: 48,
              moved: 48,
              result: {
                dropId: 4,
                invitationHoldsReleased: 30,
                moved: 48,
                unmovable: 2,
                pairsCut: 198,
                shortfall: 2,
                byDay: [],
                replayed: false,
              },
            },
          },
        ],
      },
    });
    await fillIn(user);
    expect(within(panel()).getByLabelText("Verschieben um (gleicher Wochentag)")).toHaveDisplayValue("21 Tage");
    await user.click(within(panel()).getByRole("button", { name: "Vorschau" }));
    expect(
      await within(panel()).findByText(
        "Vorschau: 400 von 1.200 Dosen fehlen, KV Westfalen-Lippe, Woche ab 03.02.2031. Noch ist nichts geändert.",
      ),
    ).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/supply-drops/preview")[0]!.body).toEqual({
      regionId: "westfalen-lippe",
      vaccineId: "biontech",
      weekStart: "2031-02-03",
      dosesLost: 400,
      shiftDays: 21,
    });
    expect(fact(panel(), "Terminpaare, die verschoben werden")).toBe("48");
    expect(fact(panel(), "Geschützt (erste Impfung gegeben oder fällig)")).toBe("15");
    const byDay = within(panel()).getByRole("table", { name: "Verschiebungen nach Tagen" });
    expect(within(byDay).getByRole("row", { name: "08.02.2031 01.03.2031 40" })).toBeInTheDocument();

    await user.click(within(panel()).getByRole("button", { name: "Ausführen" }));
    const dialog = screen.getByRole("alertdialog", { name: "Lieferkürzung ausführen?" });
    expect(api.to("POST /api/supervisor/supply-drops/4/execute")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Ja, ausführen" }));
    expect(await within(panel()).findByText("Wird ausgeführt: 0 von 48 Terminpaaren verschoben …")).toBeInTheDocument();
    expect(
      await within(panel()).findByText("Wird ausgeführt: 17 von 48 Terminpaaren verschoben …", {}, { timeout: 4_000 }),
    ).toBeInTheDocument();
    expect(
      await within(panel()).findByText(
        "Ausgeführt: 30 Einladungen zurückgenommen, 48 Terminpaare verschoben, 2 nicht verschiebbar, Kapazität um 198 Terminpaare gesenkt. Die Benachrichtigungen sind angelegt.",
        {},
        { timeout: 4_000 },
      ),
    ).toBeInTheDocument();
    expect(api.to("GET /api/supervisor/supply-drops/4")).toHaveLength(2);
  });

  it("when the server refuses the shift, then its German message shows and nothing is offered to execute", async () => {
    const { user } = await openControls({
      routes: {
        "POST /api/supervisor/supply-drops/preview": error(
          400,
          "supply_drop_week_past",
          "Diese Woche ist schon vorbei.",
        ),
      },
    });
    await fillIn(user);
    await user.click(within(panel()).getByRole("button", { name: "Vorschau" }));
    expect(await within(panel()).findByText("Diese Woche ist schon vorbei.")).toBeInTheDocument();
    expect(within(panel()).queryByRole("button", { name: "Ausführen" })).not.toBeInTheDocument();
  });
});

describe("Leitstand: attendance at the centres", () => {
  it("when the wallboard opens, then today's attendance shows as one line of totals", async () => {
    await openLeitstand();
    const tile = await screen.findByRole("region", { name: /^Anwesenheit in den Impfzentren am / });
    expect(
      await within(tile).findByText("40 gebucht · 31 erschienen · 2 nicht erschienen · 7 offen"),
    ).toBeInTheDocument();
  });

  it("when the controls open, then today's attendance shows per centre", async () => {
    await openControls();
    const row = await screen.findByRole("row", { name: "Impfzentrum Gütersloh 40 31 2 7" });
    expect(row).toBeInTheDocument();
  });
});
