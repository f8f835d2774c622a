// The standby section of the centre's page, against a mocked server.
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import type { StandbyOfferView } from "@contracts/standby-api.ts";
import { ApiProvider } from "../../app/api-context.tsx";
import { createI18n } from "../../i18n.ts";
import { mockApi, type Routes } from "../../test/mock-api.ts";
import { StandbyDoses } from "./StandbyDoses.tsx";

function renderSection(routes: Routes) {
  const api = mockApi(routes);
  render(
    <I18nextProvider i18n={createI18n("de")}>
      <ApiProvider>
        <StandbyDoses centreId={12} />
      </ApiProvider>
    </I18nextProvider>,
  );
  return { api, user: userEvent.setup({ delay: null }) };
}

const offer = (over: Partial<StandbyOfferView> = {}): StandbyOfferView => ({
  id: 1,
  doses: 3,
  used: 1,
  usableUntil: "2021-01-25T11:30:00.000Z",
  freedPair: false,
  status: "open",
  wasted: 0,
  called: 6,
  accepted: 1,
  tooLate: 0,
  declined: 2,
  unreached: 1,
  ...over,
});

describe("doses left over at the centre's page", () => {
  it("when the reception enters 3 doses usable until 12:30, then the waiting list is called and the offer is listed", async () => {
    const { user, api } = renderSection({
      "GET /api/centres/12/standby": { body: { offers: [] } },
      "POST /api/centres/12/standby": { status: 201, body: { offers: [offer()] } },
    });
    const section = await screen.findByRole("region", { name: "Übrige Impfdosen (Warteliste)" });
    await user.type(within(section).getByLabelText("Impfdosen übrig"), "3");
    await user.type(within(section).getByLabelText("verwendbar bis"), "12:30");
    await user.click(within(section).getByRole("button", { name: "Warteliste anrufen" }));
    expect(api.to("POST /api/centres/12/standby")[0]?.body).toEqual({ doses: 3, until: "12:30" });
    const row = (await within(section).findByText("12:30")).closest("tr")!;
    expect(within(row).getByText("läuft")).toBeInTheDocument();
    expect(within(row).getByText("6")).toBeInTheDocument();
  });

  it("when the time is not HH:MM, then nothing is sent and the reception reads why", async () => {
    const { user, api } = renderSection({ "GET /api/centres/12/standby": { body: { offers: [] } } });
    const section = await screen.findByRole("region", { name: "Übrige Impfdosen (Warteliste)" });
    await user.type(within(section).getByLabelText("Impfdosen übrig"), "3");
    await user.type(within(section).getByLabelText("verwendbar bis"), "halb eins");
    await user.click(within(section).getByRole("button", { name: "Warteliste anrufen" }));
    expect(
      await within(section).findByText("Bitte 1 bis 200 Dosen und eine Uhrzeit später heute (HH:MM) eingeben."),
    ).toBeInTheDocument();
    expect(api.to("POST /api/centres/12/standby")).toHaveLength(0);
  });
});
