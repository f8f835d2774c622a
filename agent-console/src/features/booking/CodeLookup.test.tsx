import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { booking, heldPair, searchResult } from "../../test/fixtures.ts";
import { error, type Routes } from "../../test/mock-api.ts";
import { renderApp } from "../../test/render-app.tsx";

async function openLookup(routes: Routes) {
  const app = await renderApp({ routes });
  await app.user.click(screen.getByRole("button", { name: "Buchungscode" }));
  return app;
}

async function lookUp(user: Awaited<ReturnType<typeof renderApp>>["user"], code: string) {
  const input = screen.getByRole("textbox", { name: "Buchungscode" });
  await user.clear(input);
  await user.type(input, code);
  await user.click(screen.getByRole("button", { name: "Buchung suchen" }));
}

let scrolled: Element[] = [];
beforeEach(() => {
  scrolled = [];
  // jsdom lays nothing out and has no scrollIntoView: record what asks to be scrolled to.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});
afterEach(() => void delete (Element.prototype as Partial<Element>).scrollIntoView);

describe("booking code lookup", () => {
  it("when the code is malformed or unknown, then the server's message shows at the input", async () => {
    const { user, api } = await openLookup({
      "GET /api/bookings/7KQMP2XD9HTB": error(
        400,
        "code_invalid",
        "Dieser Buchungscode ist nicht gültig. Bitte prüfen Sie jedes Zeichen.",
      ),
      "GET /api/bookings/757972399482": error(404, "code_unknown", "Zu diesem Buchungscode gibt es keine Buchung."),
    });
    await lookUp(user, "7kqm-p2xd-9htb");
    const input = screen.getByRole("textbox", { name: "Buchungscode" });
    await waitFor(() =>
      expect(input).toHaveAccessibleDescription(
        /Dieser Buchungscode ist nicht gültig\. Bitte prüfen Sie jedes Zeichen\./,
      ),
    );
    expect(input).toHaveAttribute("aria-invalid", "true");

    await lookUp(user, "7579 7239 9482");
    expect(await screen.findByText("Zu diesem Buchungscode gibt es keine Buchung.")).toBeVisible();
    expect(api.to("GET /api/bookings/757972399482")).toHaveLength(1);
  });

  it("when the agent cancels, then a confirmation comes first and only then the cancel is sent", async () => {
    const { user, api } = await openLookup({
      "GET /api/bookings/7KQMP2XD9HTA": { body: { booking: booking() } },
      "POST /api/bookings/7KQMP2XD9HTA/cancel": { body: { booking: booking({ status: "cancelled" }) } },
    });
    await lookUp(user, "7KQM-P2XD-9HTA");
    expect(await screen.findByRole("heading", { name: "Buchung (aktiv)" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Buchungscode: 7 K Q M, P 2 X D, 9 H T A" })).toBeInTheDocument();
    // The keypad digits in the phone menu's groups of three, for reading out on the phone.
    const keypad = screen.getByRole("group", { name: "Am Telefon: 7 5 7, 6 7 2, 9 3 9, 4 8 2" });
    expect(keypad).toHaveTextContent("757672939482");
    expect([...keypad.querySelectorAll(".code-group")].map((g) => g.textContent)).toEqual(["757", "672", "939", "482"]);

    await user.click(screen.getByRole("button", { name: "Termine absagen" }));
    const dialog = screen.getByRole("alertdialog", { name: "Termine absagen?" });
    expect(within(dialog).getByRole("button", { name: "Nein, Termine behalten" })).toHaveFocus();
    expect(api.to("POST /api/bookings/7KQMP2XD9HTA/cancel")).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Ja, beide Termine absagen" }));
    expect(await screen.findByText("Die Termine wurden abgesagt.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Buchung (abgesagt)" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Termine absagen" })).not.toBeInTheDocument();
    expect(api.to("POST /api/bookings/7KQMP2XD9HTA/cancel")).toHaveLength(1);
  });

  it("when the agent rebooks, then a pair is held from the search and the rebooking names that hold", async () => {
    const moved = booking({ firstStartsAt: "2021-01-26T09:30:00.000Z", secondStartsAt: "2021-02-16T09:30:00.000Z" });
    const hold = heldPair({
      holdId: "3d0c9a7e-5b1f-4c2d-8e3a-9f8b7c6d5e4f",
      firstSlotId: 502,
      firstStartsAt: moved.firstStartsAt,
      secondStartsAt: moved.secondStartsAt,
    });
    const { user, api } = await openLookup({
      "GET /api/bookings/7KQMP2XD9HTA": { body: { booking: booking() } },
      "GET /api/search": { body: searchResult() },
      "POST /api/holds": { body: hold },
      "POST /api/bookings/7KQMP2XD9HTA/rebook": { body: { booking: moved } },
    });
    await lookUp(user, "7KQM-P2XD-9HTA");
    await user.click(await screen.findByRole("button", { name: "Umbuchen" }));
    const search = screen.getAllByRole("form", { name: "Termine suchen" }).find((f) => f.closest(".rebook"))!;
    expect(within(search).getByLabelText("Postleitzahl")).toHaveValue("33330");
    await user.click(within(search).getByRole("button", { name: "Suchen" }));
    await user.click(await screen.findByRole("button", { name: "Terminpaar ab Di., 26.01.2021, 10:30 Uhr halten" }));
    await screen.findByRole("region", { name: "Reserviertes Terminpaar" });
    await user.click(screen.getByRole("button", { name: "Umbuchung bestätigen" }));

    const message = await screen.findByText("Umgebucht – der Buchungscode bleibt 7KQM-P2XD-9HTA.");
    // In view and focused: the long search above it is gone, the page would otherwise scroll past it.
    expect(message).toHaveFocus();
    expect(scrolled).toContain(message);
    expect(api.to("POST /api/holds")[0]!.body).toMatchObject({ member: "rebook" });
    expect(screen.getByRole("group", { name: "Buchungscode: 7 K Q M, P 2 X D, 9 H T A" })).toBeInTheDocument();
    const body = api.to("POST /api/bookings/7KQMP2XD9HTA/rebook")[0]!.body as Record<string, string>;
    expect(body).toEqual({ holdId: hold.holdId, idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
