// Postcodes a benchmark caller can type: real NRW and Hessen postcodes from
// prisma/data/plz-ort-kreis.csv that lie in exactly one district of the service area (no
// "which place?" question, no part in another state), read the way the seed reads them.
import { join } from "node:path";
import { readDistricts, readPostcodes } from "../../../ivr/src/adapters/db/reference-data.ts";
import { REPO_ROOT } from "./server-process.ts";

export function singleDistrictPostcodes(dataDir = join(REPO_ROOT, "prisma/data")): string[] {
  const districts = new Set(readDistricts(dataDir).map((d) => `${d.name}|${d.state}`));
  const rowsPerCode = new Map<string, { inside: boolean }[]>();
  for (const row of readPostcodes(dataDir)) {
    const rows = rowsPerCode.get(row.code) ?? [];
    rows.push({ inside: districts.has(`${row.districtName}|${row.state}`) });
    rowsPerCode.set(row.code, rows);
  }
  const codes = [...rowsPerCode].filter(([, rows]) => rows.length === 1 && rows[0]!.inside).map(([code]) => code);
  if (codes.length === 0) throw new Error("no single-district postcode of NRW or Hessen in the reference data");
  return codes.sort();
}
