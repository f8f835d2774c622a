import { describe, expect, it } from "vitest";
import { Geography, type Centre, type District } from "../../domain/geo/geography.ts";
import type { CallState, FlowDeps, StepOutcome } from "../types.ts";
import { booked } from "./booked.ts";

function district(id: number, centre: Partial<Centre>): District {
  return {
    id,
    name: `Kreis ${id}`,
    kind: "Kreis",
    state: "Hessen",
    regierungsbezirk: "Darmstadt",
    regionId: "kvh",
    latitude: null,
    longitude: null,
    centre: {
      id: id * 10,
      districtId: id,
      name: "Impfzentrum",
      street: null,
      postcode: null,
      city: "",
      opensAt: "08:00",
      closesAt: "20:00",
      lanes: 4,
      ...centre,
    },
  };
}

const geography = new Geography(
  [{ id: "kvh", name: "KV Hessen", state: "Hessen" }],
  [
    district(1, { name: "Impfzentrum Gütersloh", street: "Marienfelder Straße 351", city: "Gütersloh" }),
    district(2, { name: "Impfzentrum Heppenheim", street: "Berliner Ring 89", city: "Bensheim" }),
    district(3, { name: "Impfzentrum Friedberg (Hessen)", street: null, city: "Büdingen" }),
  ],
  [],
);
const deps = { ledger: { geography } } as unknown as FlowDeps;

function after(centreId: number, from: string): StepOutcome {
  const state = {
    from,
    path: ["confirm", "booked"],
    bookings: [{ code: "7KQMP2XD9HTA", centreId, firstStartsAt: "", secondStartsAt: "" }],
  } as unknown as CallState;
  return booked.enter({ state, deps }) as StepOutcome;
}
const said = (outcome: StepOutcome) =>
  (outcome.gather?.prompts ?? []).flatMap((p) => ("say" in p ? [{ key: p.say, ...p.params }] : []));

describe("after booking", () => {
  it("when the centre's town is in its name, then its street; then what to bring; a landline gets a letter", () => {
    expect(said(after(10, "+4952411234567")).slice(0, 4)).toEqual([
      { key: "booked.done" },
      { key: "booked.address_in_town", street: "Marienfelder Straße 351" },
      { key: "booked.bring" },
      { key: "booked.by_letter" },
    ]);
  });

  it("when the centre lies in another town than its name says, then street and town; a mobile gets an SMS", () => {
    expect(said(after(20, "+4915112345678")).slice(1, 4)).toEqual([
      { key: "booked.address", street: "Berliner Ring 89", city: "Bensheim" },
      { key: "booked.bring" },
      { key: "booked.by_sms" },
    ]);
  });

  it("when no street is known, then the town and that the address follows in writing, never a guessed one", () => {
    expect(said(after(30, "+4952411234567"))[1]).toEqual({ key: "booked.town_only", city: "Büdingen" });
  });

  it("when the caller asks for the code again, then the code alone, twice, and the options", () => {
    const state = {
      from: "+4952411234567",
      path: ["confirm", "booked", "booked"],
      bookings: [{ code: "7KQMP2XD9HTA", centreId: 10, firstStartsAt: "", secondStartsAt: "" }],
    } as unknown as CallState;
    const outcome = booked.enter({ state, deps }) as StepOutcome;
    expect(outcome.gather?.prompts.map((p) => ("say" in p ? p.say : "code" in p ? "code" : "?"))).toEqual([
      "booked.code_intro",
      "code",
      "booked.code_again",
      "code",
      "booked.options",
    ]);
  });
});
