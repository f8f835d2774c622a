// Postcodes, districts and their vaccination centres, held in memory: 13,108 postcodes and
// 79 centres are a few hundred kilobytes, and every call looks them up, so the phone menu
// never waits on the database for reference data.

export interface Region {
  id: string;
  name: string;
  state: string;
}

export interface Centre {
  id: number;
  districtId: number;
  name: string;
  street: string | null;
  postcode: string | null;
  city: string;
  opensAt: string;
  closesAt: string;
  lanes: number;
}

export interface District {
  id: number;
  name: string;
  kind: string;
  state: string;
  regierungsbezirk: string;
  regionId: string;
  latitude: number | null;
  longitude: number | null;
  centre: Centre;
}

export interface PostcodeArea {
  code: string;
  districtName: string;
  state: string;
  places: string[];
  districtId: number | null;
}

/** One district (with its centre) a postcode belongs to, inside the service area. */
export interface PostcodeMatch {
  district: District;
  places: string[];
}

export type PostcodeLookup =
  | { kind: "invalid" }
  | { kind: "unknown" }
  | { kind: "outside"; states: string[] }
  | { kind: "inside"; matches: PostcodeMatch[]; outsideStates: string[] };

export class Geography {
  private readonly districtsById = new Map<number, District>();
  private readonly centresById = new Map<number, District>();
  private readonly areasByCode = new Map<string, PostcodeArea[]>();

  constructor(
    readonly regions: Region[],
    readonly districts: District[],
    postcodes: PostcodeArea[],
  ) {
    for (const d of districts) {
      this.districtsById.set(d.id, d);
      this.centresById.set(d.centre.id, d);
    }
    for (const area of postcodes) {
      const list = this.areasByCode.get(area.code) ?? [];
      list.push(area);
      this.areasByCode.set(area.code, list);
    }
  }

  lookupPostcode(input: string): PostcodeLookup {
    const code = input.trim();
    if (!/^\d{5}$/.test(code)) return { kind: "invalid" };
    const areas = this.areasByCode.get(code);
    if (!areas) return { kind: "unknown" };
    const matches: PostcodeMatch[] = [];
    const outside = new Set<string>();
    for (const area of areas) {
      const district = area.districtId === null ? undefined : this.districtsById.get(area.districtId);
      if (district) matches.push({ district, places: area.places });
      else outside.add(area.state);
    }
    const outsideStates = [...outside].sort();
    return matches.length === 0
      ? { kind: "outside", states: outsideStates }
      : { kind: "inside", matches, outsideStates };
  }

  /** The places a postcode covers (one town for most, several villages for some). */
  placesOf(postcode: string): string[] {
    return [...new Set((this.areasByCode.get(postcode) ?? []).flatMap((a) => a.places))];
  }

  district(id: number): District | undefined {
    return this.districtsById.get(id);
  }

  /** The district a centre serves (each district runs exactly one centre). */
  districtOfCentre(centreId: number): District | undefined {
    return this.centresById.get(centreId);
  }

  region(id: string): Region | undefined {
    return this.regions.find((r) => r.id === id);
  }

  centresOfRegion(regionId: string): Centre[] {
    return this.districts.filter((d) => d.regionId === regionId).map((d) => d.centre);
  }

  allCentres(): Centre[] {
    return this.districts.map((d) => d.centre);
  }

  /** Other centres, nearest first (straight-line distance between district seats). */
  centresByDistance(fromCentreId: number): { centre: Centre; km: number }[] {
    const from = this.centresById.get(fromCentreId);
    if (!from) return [];
    return this.districts
      .filter((d) => d.centre.id !== fromCentreId)
      .map((d) => ({ centre: d.centre, km: distanceKm(from, d) }))
      .sort((a, b) => a.km - b.km);
  }
}

function distanceKm(a: District, b: District): number {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) {
    // Without coordinates, prefer the same Regierungsbezirk, then the same KV region.
    return a.regierungsbezirk === b.regierungsbezirk ? 50 : a.regionId === b.regionId ? 150 : 400;
  }
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
