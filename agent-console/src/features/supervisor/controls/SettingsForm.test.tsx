import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { openControls, settingsAnswer } from "../test/fixtures.ts";

const control = () => screen.getByRole("region", { name: "Überlauf und Servicezeiten" });
const input = (label: string) => within(control()).getByLabelText(label);

describe("Leitstand: overflow settings", () => {
  it("when the form opens, then it shows the server's settings", async () => {
    await openControls();
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    expect(input("Kapazität der Warteschlange (Anrufe)")).toHaveValue(1000);
    expect(input("Rückruf anbieten ab Wartezeit (Minuten)")).toHaveValue(20);
    expect(input("Geöffnet von (HH:MM)")).toHaveValue("08:00");
    expect(input("Geöffnet bis (HH:MM)")).toHaveValue("20:00");
    expect(input("Höchstzahl der Anrufversuche")).toHaveValue(3);
    expect(input("Abstände zwischen den Versuchen (Minuten)")).toHaveValue("10, 60, 240");
    expect(input("Abstände zwischen den Versuchen (Minuten)")).toHaveAccessibleDescription(
      "Durch Kommas getrennt, zum Beispiel 10, 60, 240.",
    );
  });

  it("when some fields change, then after a confirmation only those are sent with PUT", async () => {
    const saved = settingsAnswer();
    saved.version = 8;
    saved.settings.queue.capacity = 500;
    saved.settings.callbacks = { ...saved.settings.callbacks, maxAttempts: 4, retryDelaysMinutes: [15, 60, 240] };
    const { user, api } = await openControls({ routes: { "PUT /api/supervisor/settings": { body: saved } } });
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });

    await user.clear(input("Kapazität der Warteschlange (Anrufe)"));
    await user.type(input("Kapazität der Warteschlange (Anrufe)"), "500");
    await user.clear(input("Höchstzahl der Anrufversuche"));
    await user.type(input("Höchstzahl der Anrufversuche"), "4");
    await user.clear(input("Abstände zwischen den Versuchen (Minuten)"));
    await user.type(input("Abstände zwischen den Versuchen (Minuten)"), "15,60, 240");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));

    const dialog = screen.getByRole("alertdialog", { name: "Einstellungen ändern?" });
    expect(dialog).toHaveAccessibleDescription(
      "Kapazität der Warteschlange (Anrufe): 1000 → 500 · Höchstzahl der Anrufversuche: 3 → 4 · Abstände zwischen den Versuchen (Minuten): 10, 60, 240 → 15,60, 240",
    );
    expect(api.to("PUT /api/supervisor/settings")).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Ja, speichern" }));

    expect(await within(control()).findByText("Einstellungen gespeichert (Version 8).")).toHaveAttribute(
      "role",
      "status",
    );
    expect(api.to("PUT /api/supervisor/settings").map((r) => r.body)).toEqual([
      { queue: { capacity: 500 }, callbacks: { maxAttempts: 4, retryDelaysMinutes: [15, 60, 240] }, basedOnVersion: 7 },
    ]);
    expect(input("Abstände zwischen den Versuchen (Minuten)")).toHaveValue("15, 60, 240");
    await waitFor(() => expect(api.to("GET /api/supervisor/audit")).toHaveLength(2));
  });

  it("when the server finds a value invalid, then its message shows and the field it names is marked", async () => {
    const message = "Diese Einstellungen sind nicht gültig. Bitte prüfen Sie die markierten Felder.";
    const { user, api } = await openControls({
      routes: {
        "PUT /api/supervisor/settings": {
          status: 400,
          body: { error: { code: "settings_invalid", message, issues: ["queue.offerCallbackAboveMinutes"] } },
        },
      },
    });
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    await user.clear(input("Rückruf anbieten ab Wartezeit (Minuten)"));
    await user.type(input("Rückruf anbieten ab Wartezeit (Minuten)"), "900");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Ja, speichern" }));

    expect(await within(control()).findByText(message)).toHaveAttribute("role", "alert");
    expect(api.to("PUT /api/supervisor/settings")[0]!.body).toEqual({
      queue: { offerCallbackAboveMinutes: 900 },
      basedOnVersion: 7,
    });
    expect(input("Rückruf anbieten ab Wartezeit (Minuten)")).toHaveAttribute("aria-invalid", "true");
    expect(input("Rückruf anbieten ab Wartezeit (Minuten)")).toHaveAccessibleDescription(message);
    expect(input("Kapazität der Warteschlange (Anrufe)")).not.toHaveAttribute("aria-invalid");
  });

  it("when someone saved the settings since the form was filled, then the server's refusal shows and the form holds the new values", async () => {
    const message =
      "Die Einstellungen wurden inzwischen geändert. Bitte prüfen Sie die neuen Werte und speichern Sie dann erneut.";
    const theirs = settingsAnswer();
    theirs.version = 9;
    theirs.settings.queue.capacity = 1500;
    const { user, api } = await openControls({
      routes: {
        "GET /api/supervisor/settings": [{ body: settingsAnswer() }, { body: theirs }],
        "PUT /api/supervisor/settings": {
          status: 409,
          body: { error: { code: "settings_changed", message, version: 9 } },
        },
      },
    });
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    expect(api.to("GET /api/supervisor/settings")).toHaveLength(1);
    await user.clear(input("Kapazität der Warteschlange (Anrufe)"));
    await user.type(input("Kapazität der Warteschlange (Anrufe)"), "500");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Ja, speichern" }));

    expect(await within(control()).findByText(message)).toHaveAttribute("role", "alert");
    expect(api.to("PUT /api/supervisor/settings")[0]!.body).toEqual({ queue: { capacity: 500 }, basedOnVersion: 7 });
    await waitFor(() => expect(input("Kapazität der Warteschlange (Anrufe)")).toHaveValue(1500));
  });

  it("when the hotline would open after it closes, then the form says so before asking the server", async () => {
    const { user, api } = await openControls();
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    await user.clear(input("Geöffnet von (HH:MM)"));
    await user.type(input("Geöffnet von (HH:MM)"), "20:30");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    expect(input("Geöffnet von (HH:MM)")).toHaveAccessibleDescription("„Geöffnet von“ muss vor „Geöffnet bis“ liegen.");
    expect(input("Geöffnet bis (HH:MM)")).toHaveAttribute("aria-invalid", "true");
    expect(api.to("PUT /api/supervisor/settings")).toHaveLength(0);
  });

  it("when nothing changed or a list is malformed, then nothing is sent", async () => {
    const { user, api } = await openControls();
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    expect(within(control()).getByText("Keine Änderungen zum Speichern.")).toBeInTheDocument();

    await user.clear(input("Abstände zwischen den Versuchen (Minuten)"));
    await user.type(input("Abstände zwischen den Versuchen (Minuten)"), "10, eine Stunde");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    expect(input("Abstände zwischen den Versuchen (Minuten)")).toHaveAttribute("aria-invalid", "true");
    expect(input("Abstände zwischen den Versuchen (Minuten)")).toHaveAccessibleDescription(
      "Durch Kommas getrennt, zum Beispiel 10, 60, 240. Bitte ganze Minuten durch Kommas getrennt eingeben, zum Beispiel 10, 60, 240.",
    );
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(api.to("PUT /api/supervisor/settings")).toHaveLength(0);
  });

  it("when the supervisor moves the service-level target, then only that is sent, in the service group", async () => {
    const saved = settingsAnswer();
    saved.version = 8;
    saved.settings.service = { ...saved.settings.service, targetSeconds: 30 };
    const { user, api } = await openControls({ routes: { "PUT /api/supervisor/settings": { body: saved } } });
    await screen.findByRole("region", { name: "Überlauf und Servicezeiten" });
    const group = within(control()).getByRole("group", { name: "Servicelevel und Schwellen der Kacheln" });
    expect(within(group).getByLabelText("Servicelevel-Ziel (%)")).toHaveValue(80);
    expect(within(group).getByLabelText("Längste Wartezeit rot ab (Sekunden)")).toHaveValue(180);

    await user.clear(input("… angenommen innerhalb von (Sekunden)"));
    await user.type(input("… angenommen innerhalb von (Sekunden)"), "30");
    await user.click(within(control()).getByRole("button", { name: "Einstellungen speichern" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Ja, speichern" }));

    await within(control()).findByText("Einstellungen gespeichert (Version 8).");
    expect(api.to("PUT /api/supervisor/settings").map((r) => r.body)).toEqual([
      { service: { targetSeconds: 30 }, basedOnVersion: 7 },
    ]);
  });
});
