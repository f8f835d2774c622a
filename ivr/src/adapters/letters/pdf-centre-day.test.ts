import { describe, expect, it } from "vitest";
import type { DayEntry } from "../../domain/centre-day/centre-day-store.ts";
import { renderDayList, ROWS_PER_PAGE } from "./pdf-centre-day.ts";

const centre = {
  id: 1,
  districtId: 1,
  name: "Impfzentrum Gütersloh",
  street: "Marienfelder Straße 351",
  postcode: "33330",
  city: "Gütersloh",
  opensAt: "08:00",
  closesAt: "20:00",
  lanes: 4,
};
const entry = (i: number): DayEntry => ({
  bookingId: i,
  code: "ABCDEFGHJKLM",
  dose: 1,
  startsAt: new Date(Date.UTC(2021, 0, 26, 7, i)),
  name: `Erika Mustermann ${i}`,
  birthDate: "1938-03-03",
  needs: ["wheelchair"],
  attendance: null,
});
const pages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;
const printed = new Date("2021-01-26T07:00:00Z");

describe("the day list as PDF", () => {
  it("when a day has more rows than a page holds, then it runs onto numbered pages", async () => {
    const entries = Array.from({ length: ROWS_PER_PAGE * 2 + 1 }, (_, i) => entry(i));
    const pdf = await renderDayList(centre, "2021-01-26", entries, printed, { compress: false });
    expect(pages(pdf)).toBe(3);
    expect(ROWS_PER_PAGE).toBeGreaterThanOrEqual(25);
  });

  it("when a day has no appointments, then one page says so", async () => {
    expect(pages(await renderDayList(centre, "2021-01-26", [], printed))).toBe(1);
  });
});
