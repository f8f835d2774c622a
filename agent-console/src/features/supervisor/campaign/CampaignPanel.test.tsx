import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CampaignRegionView } from "@contracts/waitlist-api.ts";
import { fact } from "../../../test/fixtures.ts";
import { error } from "../../../test/mock-api.ts";
import { openLeitstand } from "../test/fixtures.ts";

const run = {
  id: 7,
  regionId: "westfalen-lippe",
  status: "finished" as const,
  seedHash: "a".repeat(64),
  listHash: "b".repeat(64),
  seed: "c".repeat(64),
  entries: 1204,
  sharePercent: 70,
  deadlineHours: 72,
  freePairs: 400,
  budget: 280,
  invited: 200,
  booked: 80,
  createdAt: "2021-01-25T07:00:00.000Z", // 08:00 in Berlin
  finishedAt: "2021-01-25T07:01:00.000Z",
};

const region = (over: Partial<CampaignRegionView> = {}): CampaignRegionView => ({
  regionId: "westfalen-lippe",
  paused: false,
  sharePercent: 70,
  waitingByGroup: { "0": 12, "1": 3400, "2": 5100, "3": 7250 },
  invitations: { invited: 150, accepted: 40, declined: 6, expired: 4, booked: 80 },
  lettersPrinted: 75,
  freePairs: 1000,
  nextRunSize: 700,
  runs: [],
  ...over,
});

async function openCampaign(regions: CampaignRegionView[] | (() => CampaignRegionView[]), routes = {}) {
  const view = await openLeitstand({
    routes: {
      "GET /api/supervisor/campaign": () => ({
        body: { regions: typeof regions === "function" ? regions() : regions },
      }),
      ...routes,
    },
  });
  await view.user.click(screen.getByRole("button", { name: "Einladungen" }));
  await screen.findByRole("heading", { name: "Einladungen nach KV-Region", level: 3 });
  return view;
}

const card = (name: string) => screen.findByRole("region", { name: new RegExp(`^${name}`) });

describe("Leitstand: the invitation campaign per region", () => {
  it("shows who waits by priority group, what became of the invitations and the next run's size, German style", async () => {
    await openCampaign([region({ runs: [run] }), region({ regionId: "hessen", paused: true, runs: [] })]);
    const wl = await card("KV Westfalen-Lippe");
    const waiting = within(wl).getByRole("table", { name: "Wartend nach Prioritätsgruppe" });
    expect(within(waiting).getByRole("row", { name: "90 und älter 3.400" })).toBeInTheDocument();
    expect(within(waiting).getByRole("row", { name: "80 bis 84 7.250" })).toBeInTheDocument();
    expect(within(waiting).getByRole("row", { name: "Buchungscode ohne Termin 12" })).toBeInTheDocument();
    expect(within(waiting).getByRole("row", { name: "jünger als 80 0" })).toBeInTheDocument();
    expect(fact(wl, "Eingeladen, Antwort offen")).toBe("150");
    expect(fact(wl, "Angenommen")).toBe("40");
    expect(fact(wl, "Abgelehnt")).toBe("6");
    expect(fact(wl, "Frist abgelaufen")).toBe("4");
    expect(fact(wl, "Per Brief fest gebucht")).toBe("80");
    expect(fact(wl, "Briefe gedruckt")).toBe("75");
    expect(fact(wl, "Nächster Lauf (70 %)")).toBe("700");
    expect(
      within(wl).getByText("Lauf 7 vom Mo., 25.01.2021, 08:00 Uhr, 1.204 Einträge auf der Liste"),
    ).toBeInTheDocument();
    expect(within(wl).getByText("a".repeat(64))).toBeInTheDocument();
    expect(within(wl).getByText("c".repeat(64))).toBeInTheDocument();

    const hessen = await card("KV Hessen");
    expect(within(hessen).getByText("angehalten")).toBeInTheDocument();
    expect(within(hessen).getByRole("button", { name: "Lauf jetzt starten" })).toBeDisabled();
    expect(within(hessen).getByRole("button", { name: "Fortsetzen" })).toBeEnabled();
    expect(within(hessen).getByText("Noch kein Lauf in dieser Region.")).toBeInTheDocument();
  });

  it("when the supervisor starts a run with 50 %, then the share goes to the server and the new figures show", async () => {
    let started = false;
    const { user, api } = await openCampaign(() => [
      started
        ? region({
            sharePercent: 50,
            invitations: { invited: 350, accepted: 40, declined: 6, expired: 4, booked: 160 },
          })
        : region(),
    ]);
    const wl = await card("KV Westfalen-Lippe");
    api.set("POST /api/supervisor/campaign/westfalen-lippe/start", () => {
      started = true;
      return { body: { invited: 200, booked: 80, unplaced: 0, run: { ...run, id: 8 } } };
    });
    const share = within(wl).getByLabelText("Anteil freier Termine für Einladungen (%)");
    await user.clear(share);
    await user.type(share, "50");
    await user.click(within(wl).getByRole("button", { name: "Lauf jetzt starten" }));
    expect(await within(wl).findByText("Lauf 8 fertig: 200 eingeladen, 80 per Brief gebucht.")).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/campaign/westfalen-lippe/start")[0]!.body).toEqual({ sharePercent: 50 });
    expect(fact(await card("KV Westfalen-Lippe"), "Eingeladen, Antwort offen")).toBe("350");
    expect(fact(await card("KV Westfalen-Lippe"), "Nächster Lauf (50 %)")).toBe("700");
  });

  it("when a share above 100 is typed, then the start button stays off; a paused region's refusal shows in German", async () => {
    const { user, api } = await openCampaign([region()], {
      "POST /api/supervisor/campaign/westfalen-lippe/start": error(
        409,
        "campaign_paused",
        "Die Einladungen dieser Region sind angehalten. Bitte erst fortsetzen.",
      ),
    });
    const wl = await card("KV Westfalen-Lippe");
    const share = within(wl).getByLabelText("Anteil freier Termine für Einladungen (%)");
    await user.clear(share);
    await user.type(share, "150");
    expect(within(wl).getByRole("button", { name: "Lauf jetzt starten" })).toBeDisabled();
    await user.clear(share);
    await user.type(share, "70");
    await user.click(within(wl).getByRole("button", { name: "Lauf jetzt starten" }));
    expect(await within(wl).findByRole("alert")).toHaveTextContent(
      "Die Einladungen dieser Region sind angehalten. Bitte erst fortsetzen.",
    );
    expect(api.to("POST /api/supervisor/campaign/westfalen-lippe/start")).toHaveLength(1);
  });

  it("when the supervisor pauses a region, then the pause goes to the server and the region shows as paused", async () => {
    let paused = false;
    const { user, api } = await openCampaign(() => [region({ paused })], {
      "POST /api/supervisor/campaign/westfalen-lippe/pause": () => {
        paused = true;
        return { body: { regionId: "westfalen-lippe", paused: true } };
      },
    });
    const wl = await card("KV Westfalen-Lippe");
    await user.click(within(wl).getByRole("button", { name: "Anhalten" }));
    expect(
      await within(wl).findByText(
        "Angehalten: kein Lauf und kein Einladungsanruf dieser Region startet, bis Sie fortsetzen.",
      ),
    ).toBeInTheDocument();
    expect(api.to("POST /api/supervisor/campaign/westfalen-lippe/pause")[0]!.body).toEqual({ paused: true });
    expect(await within(wl).findByText("angehalten")).toBeInTheDocument();
    expect(within(wl).getByRole("button", { name: "Lauf jetzt starten" })).toBeDisabled();
  });
});
