import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { booking, callContext, heldPair, searchResult } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withCall = (routes: Routes = {}, call = callContext()): Routes => ({
  "GET /api/agent/current": { body: { call, callback: null } },
  ...routes,
});
const searchForm = () => screen.getByRole("form", { name: "Termine suchen" });
const personForm = () => screen.getByRole("form", { name: "Person" });
const holdButton = (when: string) => screen.findByRole("button", { name: `Terminpaar ab ${when} halten` });

async function searchAndHold(user: Awaited<ReturnType<typeof renderApp>>["user"]) {
  await screen.findByText("Eingehender Anruf");
  expect(within(searchForm()).getByLabelText("Postleitzahl")).toHaveValue("33330");
  await user.click(within(searchForm()).getByRole("button", { name: "Suchen" }));
  await user.click(await holdButton("Di., 26.01.2021, 10:00 Uhr"));
  await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
}

describe("new booking", () => {
  it("when the agent searches, holds and books, then the code shows large and spelled, with both appointments", async () => {
    const { user, api } = await renderApp({
      routes: withCall({
        "GET /api/search": { body: searchResult() },
        "POST /api/holds": { body: heldPair() },
        "POST /api/bookings": { body: { booking: booking() } },
      }),
    });
    await searchAndHold(user);
    expect(api.to("GET /api/search")[0]!.query.get("postcode")).toBe("33330");
    expect(screen.getByText("Freie Terminpaare: 1.234")).toBeInTheDocument();
    expect(screen.getByText(/3,4 km entfernt/)).toBeInTheDocument();
    expect(api.to("POST /api/holds")[0]!.body).toEqual({ firstSlotId: 501, member: 0 });
    expect(
      within(screen.getByRole("region", { name: "Reserviertes Terminpaar" })).getByRole("timer"),
    ).toHaveTextContent(/läuft ab in 0[45]:\d\d/);

    const form = personForm();
    expect(within(form).getByLabelText("Telefon")).toHaveValue("+49 5241 123456");
    expect(within(form).getByLabelText("Geburtsdatum (TT.MM.JJJJ)")).toHaveValue("03.03.1938");
    await user.type(within(form).getByLabelText("Name"), "Else Müller");
    expect(within(form).getByRole("button", { name: "Verbindlich buchen" })).toHaveAttribute(
      "title",
      "Verbindlich buchen (Alt+B)",
    );
    await user.keyboard("{Alt>}b{/Alt}");

    const code = await screen.findByRole("group", { name: "Buchungscode: 7 K Q M, P 2 X D, 9 H T A" });
    expect([...code.querySelectorAll(".code-group")].map((g) => g.textContent)).toEqual(["7KQM", "P2XD", "9HTA"]);
    expect(code.closest(".booking-code")).toHaveClass("booking-code-large");
    expect(screen.getByText("Di., 26.01.2021, 10:00 Uhr")).toBeInTheDocument();
    expect(screen.getByText("Di., 16.02.2021, 10:00 Uhr")).toBeInTheDocument();
    expect(screen.getByText("Impfzentrum Gütersloh, Carl-Miele-Straße 214, Gütersloh")).toBeInTheDocument();
    const sent = api.to("POST /api/bookings")[0]!.body as Record<string, unknown>;
    expect(sent).toEqual({
      holdId: heldPair().holdId,
      person: { name: "Else Müller", birthDate: "1938-03-03", phone: "+49 5241 123456", postcode: "33330" },
      idempotencyKey: expect.stringMatching(UUID),
    });
  });

  it("when a household member follows, then the free pair nearest after the first one at the same centre is suggested and only the person is cleared", async () => {
    const next = searchResult().options[0]!.pairs[1]!;
    // After the booking the server has the first pair's slot full: the nearest free one is the next.
    const after = searchResult({ options: [{ ...searchResult().options[0]!, pairs: [next] }] });
    const { user, api } = await renderApp({
      routes: withCall({
        "GET /api/search": [{ body: searchResult() }, { body: after }],
        "POST /api/holds": [
          { body: heldPair() },
          {
            body: heldPair({
              holdId: "5e1c7a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d",
              ...next,
              centreName: "Impfzentrum Gütersloh",
            }),
          },
        ],
        "POST /api/bookings": { body: { booking: booking() } },
      }),
    });
    await searchAndHold(user);
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    await user.click(await screen.findByRole("button", { name: "Weitere Person im selben Haushalt buchen" }));

    await waitFor(() => expect(api.to("GET /api/search")).toHaveLength(2));
    const again = api.to("GET /api/search")[1]!.query;
    expect([again.get("centreId"), again.get("from"), again.get("postcode")]).toEqual([
      "12",
      booking().firstStartsAt,
      null,
    ]);
    const suggestion = await screen.findByRole("region", { name: "Vorschlag für die nächste Person" });
    expect(suggestion).toHaveTextContent("Impfzentrum Gütersloh");
    expect(suggestion).toHaveTextContent("Di., 26.01.2021, 10:30 Uhr");
    const take = within(suggestion).getByRole("button", { name: "Dieses Terminpaar halten" });
    expect(take).toHaveFocus();
    await user.keyboard("{Enter}");
    const held = await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    expect(held).toHaveTextContent("Impfzentrum Gütersloh");
    // The second person's hold is their own: it does not replace the first person's (already booked).
    expect(api.to("POST /api/holds")[1]!.body).toEqual({ firstSlotId: next.firstSlotId, member: 1 });
    expect(screen.queryByRole("region", { name: "Vorschlag für die nächste Person" })).toBeNull();
    expect(within(personForm()).getByLabelText("Name")).toHaveValue("");
    expect(within(personForm()).getByLabelText("Geburtsdatum (TT.MM.JJJJ)")).toHaveValue("");
    expect(within(personForm()).getByLabelText("Telefon")).toHaveValue("+49 5241 123456");
  });

  it("when the pair was taken meanwhile, then the message shows and the search runs again with fresh options", async () => {
    const fresh = searchResult({
      options: [{ ...searchResult().options[0]!, freePairs: 1233, pairs: [searchResult().options[0]!.pairs[1]!] }],
    });
    const { user, api } = await renderApp({
      routes: withCall({
        "GET /api/search": [{ body: searchResult() }, { body: fresh }],
        "POST /api/holds": { body: heldPair() },
        "POST /api/bookings": error(
          409,
          "slot_taken",
          "Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.",
        ),
      }),
    });
    await searchAndHold(user);
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));

    expect(
      await screen.findByText("Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen."),
    ).toBeVisible();
    await screen.findByText("Freie Terminpaare: 1.233");
    expect(api.to("GET /api/search")).toHaveLength(2);
    expect(screen.queryByRole("region", { name: "Reserviertes Terminpaar" })).not.toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Terminpaar ab Di., 26.01.2021, 10:00 Uhr halten" }),
    ).not.toBeInTheDocument();
    expect(await holdButton("Di., 26.01.2021, 10:30 Uhr")).toBeEnabled();
  });

  it("when holding fails because the pair is gone, then the same message shows and the search runs again", async () => {
    const { user, api } = await renderApp({
      routes: withCall({
        "GET /api/search": { body: searchResult() },
        "POST /api/holds": error(
          409,
          "slot_taken",
          "Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.",
        ),
      }),
    });
    await screen.findByText("Eingehender Anruf");
    await user.click(within(searchForm()).getByRole("button", { name: "Suchen" }));
    await user.click(await holdButton("Di., 26.01.2021, 10:00 Uhr"));
    expect(
      await screen.findByText("Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen."),
    ).toBeVisible();
    await waitFor(() => expect(api.to("GET /api/search")).toHaveLength(2));
  });

  it("when the answer to a booking is lost, then the retry reuses the idempotency key", async () => {
    const { user, api } = await renderApp({
      routes: withCall({}, callContext({ heldPair: heldPair() })),
    });
    api.set("POST /api/bookings", ["network-error", { body: { booking: booking() } }]);
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    expect(
      await within(personForm()).findByText("Keine Verbindung zum Server. Bitte versuchen Sie es erneut."),
    ).toBeVisible();

    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    await screen.findByRole("group", { name: /^Buchungscode:/ });
    const [first, second] = api
      .to("POST /api/bookings")
      .map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(first).toMatch(UUID);
    expect(second).toBe(first);
  });

  it("when the person is already booked, then the message sits next to the form, linked to the button", async () => {
    const { user } = await renderApp({
      routes: withCall(
        { "POST /api/bookings": error(409, "already_booked", "Für diese Person ist bereits ein Terminpaar gebucht.") },
        callContext({ heldPair: heldPair() }),
      ),
    });
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.click(within(personForm()).getByRole("button", { name: "Verbindlich buchen" }));
    const button = within(personForm()).getByRole("button", { name: "Verbindlich buchen" });
    await waitFor(() =>
      expect(button).toHaveAccessibleDescription("Für diese Person ist bereits ein Terminpaar gebucht."),
    );
    expect(screen.getByRole("region", { name: "Reserviertes Terminpaar" })).toBeInTheDocument();
  });

  it("when the birth date is not a date, then nothing is sent and the field says how to type it", async () => {
    const { user, api } = await renderApp({
      routes: withCall({}, callContext({ heldPair: heldPair(), birthDate: null })),
    });
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.type(within(personForm()).getByLabelText("Name"), "Else Müller");
    await user.type(within(personForm()).getByLabelText("Geburtsdatum (TT.MM.JJJJ)"), "31.02.1938");
    await user.keyboard("{Alt>}b{/Alt}");
    const field = within(personForm()).getByLabelText("Geburtsdatum (TT.MM.JJJJ)");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(
      /^Bitte das Geburtsdatum als TT\.MM\.JJJJ eingeben, zum Beispiel 03\.03\.1938\.\s*$/,
    );
    expect(api.to("POST /api/bookings")).toHaveLength(0);
  });

  it("when the whole region is full, then the console says so plainly", async () => {
    const { user } = await renderApp({
      routes: withCall({ "GET /api/search": { body: { options: [], regionFull: true } } }),
    });
    await screen.findByText("Eingehender Anruf");
    await user.click(within(searchForm()).getByRole("button", { name: "Suchen" }));
    expect(
      await screen.findByText("In der gesamten Region sind zurzeit alle Terminpaare vergeben."),
    ).toBeInTheDocument();
  });
});
