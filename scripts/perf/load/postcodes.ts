// Postcodes an emulated caller can type: real NRW and Hessen postcodes from
// prisma/data/plz-ort-kreis.csv that lie in exactly one district of the service area (no
// "which place?" question, no part in another state), read the way the seed reads them.
import { join } from "node:path";
import { readDistricts, readPostcodes } from "../../../ivr/src/adapters/db/reference-data.ts";
import { REPO_ROOT } from "../harness/command.ts";

export function singleDistrictPostcodes(dataDir = join(REPO_ROOT, "prisma/data")): string[] {
  const districts = new Set(readDistricts(dataDir).map((d) => `${d.name}|${d.state}`));
  const insidePerCode = new Map<string, boolean[]>();
  for (const row of readPostcodes(dataDir)) {
    const list = insidePerCode.get(row.code) ?? [];
    list.push(districts.has(`${row.districtName}|${row.state}`));
    insidePerCode.set(row.code, list);
  }
  const codes = [...insidePerCode].filter(([, inside]) => inside.length === 1 && inside[0]).map(([code]) => code);
  if (codes.length === 0) throw new Error("no single-district postcode of NRW or Hessen in the reference data");
  return codes.sort();
}
