// Reads the shipped reference data (prisma/data, ODbL: "Postleitzahlen: © OpenStreetMap-
// Mitwirkende, ODbL") into rows ready for the database. zentren.csv's venue, source and note
// columns document where each address comes from; they are not loaded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv.ts";

export const REGIONS = [
  { id: "nordrhein", name: "KV Nordrhein", state: "Nordrhein-Westfalen" },
  { id: "westfalen-lippe", name: "KV Westfalen-Lippe", state: "Nordrhein-Westfalen" },
  { id: "hessen", name: "KV Hessen", state: "Hessen" },
] as const;

export const VACCINES = [
  { id: "biontech", name: "BioNTech/Pfizer (Comirnaty)", secondDoseAfterDays: 21 },
  { id: "moderna", name: "Moderna (Spikevax)", secondDoseAfterDays: 28 },
] as const;

export interface DistrictRow {
  name: string;
  kind: string;
  state: string;
  regierungsbezirk: string;
  regionId: string;
  latitude: number | null;
  longitude: number | null;
  centre: { name: string; street: string | null; postcode: string | null; city: string; lanes: number };
}

export interface PostcodeRow {
  code: string;
  districtName: string;
  state: string;
  places: string[];
}

export function readDistricts(dataDir: string): DistrictRow[] {
  const kreise = parseCsv(readFileSync(join(dataDir, "kreise.csv"), "utf8"));
  const zentren = new Map(parseCsv(readFileSync(join(dataDir, "zentren.csv"), "utf8")).map((z) => [z.kreis, z]));
  return kreise.map((k) => {
    const region = REGIONS.find((r) => r.name === k.kv_region);
    const z = zentren.get(k.kreis!);
    if (!region || !z) throw new Error(`reference data incomplete for district ${k.kreis}`);
    return {
      name: k.kreis!,
      kind: k.kind!,
      state: k.bundesland!,
      regierungsbezirk: k.regierungsbezirk!,
      regionId: region.id,
      latitude: z.latitude ? Number(z.latitude) : null,
      longitude: z.longitude ? Number(z.longitude) : null,
      centre: {
        name: z.centre_name!,
        street: z.street || null,
        postcode: z.postcode || null,
        city: z.city!,
        lanes: Number(z.lanes),
      },
    };
  });
}

/** One row per postcode and district; a postcode in two districts gives two rows. */
export function readPostcodes(dataDir: string): PostcodeRow[] {
  const rows = parseCsv(readFileSync(join(dataDir, "plz-ort-kreis.csv"), "utf8"));
  const grouped = new Map<string, PostcodeRow>();
  for (const r of rows) {
    const districtName = r.landkreis || r.ort!;
    const key = `${r.plz}|${districtName}`;
    const entry = grouped.get(key) ?? { code: r.plz!, districtName, state: r.bundesland!, places: [] };
    if (!entry.places.includes(r.ort!)) entry.places.push(r.ort!);
    grouped.set(key, entry);
  }
  return [...grouped.values()];
}
