// Synthetic callers: a name unique in its letters (personKey keeps only a-z, so a counter in
// digits would collapse into one person), born 1930-1940, with a real postcode of the district
// whose centre they book.
import type { Geography } from "../../../ivr/src/domain/geo/geography.ts";
import type { PersonInput } from "../../../ivr/src/domain/ledger/ledger-store.ts";

const FIRST_NAMES = ["Erika", "Hans", "Gertrud", "Karl", "Ingrid", "Walter", "Ursula", "Heinz", "Hildegard", "Werner"];
const BORN_FROM = Date.UTC(1930, 0, 1);
const BORN_DAYS = Math.round((Date.UTC(1940, 11, 31) - BORN_FROM) / 86_400_000) + 1;

/** Postcodes of each district, read from the in-memory geography (all 100,000 five-digit codes probed). */
export function postcodesByDistrict(geography: Geography): Map<number, string[]> {
  const byDistrict = new Map<number, string[]>();
  for (let n = 0; n < 100_000; n++) {
    const code = String(n).padStart(5, "0");
    const found = geography.lookupPostcode(code);
    if (found.kind !== "inside") continue;
    for (const match of found.matches) {
      const list = byDistrict.get(match.district.id) ?? [];
      list.push(code);
      byDistrict.set(match.district.id, list);
    }
  }
  return byDistrict;
}

function letters(n: number): string {
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export class PersonFactory {
  private counter = 0;
  private readonly postcodesOfCentre = new Map<number, string[]>();

  constructor(geography: Geography) {
    const postcodes = postcodesByDistrict(geography);
    for (const centre of geography.allCentres()) {
      const own = postcodes.get(centre.districtId);
      this.postcodesOfCentre.set(centre.id, own && own.length > 0 ? own : [centre.postcode ?? "50667"]);
    }
  }

  /** A new person living in the district of `centreId`; `tag` keeps runs apart (letters only). */
  next(centreId: number, tag: string): PersonInput {
    const n = this.counter++;
    const born = new Date(BORN_FROM + Math.floor(Math.random() * BORN_DAYS) * 86_400_000);
    return {
      name: `${pick(FIRST_NAMES)} Bench${tag}${letters(n)}`,
      nameRecordingUrl: null,
      birthDate: born.toISOString().slice(0, 10),
      phone: `+49151${String(10_000_000 + (n % 90_000_000))}`,
      postcode: pick(this.postcodesOfCentre.get(centreId) ?? ["50667"]),
    };
  }
}
