import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { WorklistItemView } from "@contracts/console-api.ts";
import { agent } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const item = (over: Partial<WorklistItemView> = {}): WorklistItemView => ({
  personId: 7,
  bookedAt: "2021-01-25T08:15:00.000Z",
  code: "K7PM3XQA9HTE",
  keypadCode: "576327429483",
  birthDate: "1938-03-03",
  postcode: "33330",
  places: ["Gütersloh"],
  name: null,
  street: null,
  city: null,
  letter: true,
  hasNameRecording: true,
  hasAddressRecording: true,
  needs: ["name", "address"],
  ...over,
});

async function openWorklist(routes: Routes) {
  window.location.hash = "#/worklist";
  const app = await renderApp({ user: agent, routes });
  await screen.findByRole("heading", { name: "Nacharbeit: Namen und Adressen" });
  return app;
}

describe("worklist page", () => {
  afterEach(() => void (window.location.hash = ""));

  it("when an agent types name, street and town from the recordings, then they are saved and the entry goes", async () => {
    let listed = [item()];
    const { user, api } = await openWorklist({
      "GET /api/worklist": () => ({ body: { items: listed } }),
      "POST /api/worklist/7": () => {
        listed = [];
        return { body: { item: item({ name: "Hans Beispiel", needs: [] }) } };
      },
    });
    const table = await screen.findByRole("table", { name: "1 Einträge, die ältesten zuerst" });
    expect(within(table).getByText("03.03.1938")).toBeInTheDocument();
    expect(within(table).getByText("Name, Adresse für den Brief")).toBeInTheDocument();
    await user.click(within(table).getByRole("button", { name: "Bearbeiten" }));
    const form = screen.getByRole("form", { name: "Buchung K7PM3XQA9HTE" });
    expect(within(form).getByLabelText("Aufnahme des Namens:")).toHaveAttribute(
      "src",
      "/api/worklist/7/recording/name",
    );
    // The town comes from the postcode when it has only one place.
    expect(within(form).getByLabelText("Ort (PLZ 33330)")).toHaveValue("Gütersloh");
    await user.type(within(form).getByLabelText("Vor- und Nachname"), "Hans Beispiel");
    await user.type(within(form).getByLabelText("Straße und Hausnummer"), "Lindenstraße 19");
    await user.click(within(form).getByRole("button", { name: "Speichern und Aufnahme löschen" }));
    expect(
      await screen.findByText("Gespeichert: Buchung K7PM3XQA9HTE. Die Aufnahme ist gelöscht."),
    ).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === "POST")?.body).toEqual({
      name: "Hans Beispiel",
      street: "Lindenstraße 19",
      city: "Gütersloh",
    });
    expect(await screen.findByText("Es gibt nichts nachzuarbeiten.")).toBeInTheDocument();
  });

  it("when the street is missing for a letter, then nothing is sent and the agent is told what is missing", async () => {
    const { user, api } = await openWorklist({ "GET /api/worklist": { body: { items: [item()] } } });
    await user.click(await screen.findByRole("button", { name: "Bearbeiten" }));
    const form = screen.getByRole("form", { name: "Buchung K7PM3XQA9HTE" });
    await user.type(within(form).getByLabelText("Vor- und Nachname"), "Hans Beispiel");
    await user.click(within(form).getByRole("button", { name: "Speichern und Aufnahme löschen" }));
    expect(within(form).getByRole("alert")).toHaveTextContent("Straße mit Hausnummer und Ort");
    expect(api.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("when the server refuses, then its German message is shown in the form", async () => {
    const { user } = await openWorklist({
      "GET /api/worklist": { body: { items: [item({ letter: false, needs: ["name"], hasAddressRecording: false })] } },
      "POST /api/worklist/7": error(
        404,
        "worklist_unknown",
        "Diesen Eintrag gibt es nicht mehr, oder er ist schon erledigt.",
      ),
    });
    await user.click(await screen.findByRole("button", { name: "Bearbeiten" }));
    const form = screen.getByRole("form", { name: "Buchung K7PM3XQA9HTE" });
    expect(within(form).queryByLabelText("Straße und Hausnummer")).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText("Vor- und Nachname"), "Hans Beispiel");
    await user.click(within(form).getByRole("button", { name: "Speichern und Aufnahme löschen" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("schon erledigt");
  });

  it("when an agent gathers today's letters, then the counts are said and the batch opens as a PDF", async () => {
    const { user } = await openWorklist({
      "GET /api/worklist": { body: { items: [] } },
      "POST /api/letters/batch": { body: { day: "2021-01-25", added: 3, total: 5, waitingForDetails: 1 } },
    });
    await user.click(screen.getByRole("button", { name: "Briefe von heute zusammenstellen" }));
    expect(
      await screen.findByText("3 neue Briefe, 5 im Stapel von heute. 1 warten noch auf Name oder Adresse."),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Stapel vom 25.01.2021 als PDF öffnen (5 Briefe)" })).toHaveAttribute(
      "href",
      "/api/letters/2021-01-25",
    );
  });
});
