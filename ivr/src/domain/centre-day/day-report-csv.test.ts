import { describe, expect, it } from "vitest";
import { dayReportCsv } from "./day-report-csv.ts";
import { berlinDayRange } from "./centre-day.ts";

const centre = {
  id: 7,
  districtId: 7,
  name: 'Impfzentrum "Gütersloh"; Halle 2',
  street: null,
  postcode: null,
  city: "Gütersloh",
  opensAt: "08:00",
  closesAt: "20:00",
  lanes: 4,
};

describe("the daily report as CSV", () => {
  it("when a day is reported, then Excel gets a BOM, German headers, semicolons and quoted text", () => {
    const csv = dayReportCsv({
      centre,
      day: "2021-01-25",
      firstDosesGiven: 3,
      secondDosesGiven: 1,
      dosesGiven: 4,
      noShows: 2,
      standbyDosesUsed: 0,
      dosesWasted: 5,
    });
    expect(csv).toBe(
      "\uFEFFDatum;Impfzentrum;Erstimpfungen;Zweitimpfungen;Verabreichte Dosen;Nicht erschienen;Standby-Dosen verwendet;Dosen verworfen\r\n" +
        '25.01.2021;"Impfzentrum ""Gütersloh""; Halle 2";3;1;4;2;0;5\r\n',
    );
  });
});

describe("a Berlin day", () => {
  it("when the clocks go forward, then the day has 23 hours", () => {
    const { from, to } = berlinDayRange("2021-03-28");
    expect(from.toISOString()).toBe("2021-03-27T23:00:00.000Z");
    expect(to.getTime() - from.getTime()).toBe(23 * 3600_000);
  });
});
