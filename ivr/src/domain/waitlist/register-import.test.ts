import { describe, expect, it } from "vitest";
import { parseRegisterCsv } from "./register-import.ts";

const HEADER = "Nachname;Vorname;Geburtsdatum;Straße;PLZ;Ort;Telefon";

describe("the register extract's optional short-notice column", () => {
  it("when the file has no such column, then nobody is opted in for short notice", () => {
    const { rows, rejected } = parseRegisterCsv(
      `${HEADER}\nSchmidt;Anna;03.03.1931;Hauptstraße 1;33330;Gütersloh;05241 123456\n`,
    );
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.shortNotice)).toEqual([false]);
  });

  it("when the column says ja, x or 1, then the person is opted in; nein or empty, not", () => {
    const csv = [
      `${HEADER};Kurzfristig`,
      "A;Anna;03.03.1931;Weg 1;33330;Gütersloh;05241 123451;ja",
      "B;Bernd;03.03.1931;Weg 2;33330;Gütersloh;05241 123452;X",
      "C;Carla;03.03.1931;Weg 3;33330;Gütersloh;05241 123453;1",
      "D;Dora;03.03.1931;Weg 4;33330;Gütersloh;05241 123454;Nein",
      "E;Emil;03.03.1931;Weg 5;33330;Gütersloh;05241 123455;",
    ].join("\n");
    const { rows, rejected } = parseRegisterCsv(csv);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.name, r.shortNotice])).toEqual([
      ["Anna A", true],
      ["Bernd B", true],
      ["Carla C", true],
      ["Dora D", false],
      ["Emil E", false],
    ]);
  });

  it("when the column holds something else, then the row is rejected with the reason in German", () => {
    const { rows, rejected } = parseRegisterCsv(
      `Name,Geburtsdatum,Straße,PLZ,Ort,Kurzfristig erreichbar\nAnna Schmidt,03.03.1931,Weg 1,33330,Gütersloh,vielleicht\n`,
    );
    expect(rows).toEqual([]);
    expect(rejected).toEqual([{ line: 2, reason: "Kurzfristig ungültig: „vielleicht“ (erwartet ja oder nein)" }]);
  });
});
