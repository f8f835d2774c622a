// The residents' register extract the KVs received in 2021: one row per person with name, birth
// date, address and sometimes a phone number. Checked row by row; a rejected row is reported
// with its line number and the reason in German (the supervisor fixes the file and imports it
// again: rows already on the list are recognised, not added twice). An optional column says
// whether the person can come at short notice (the standby list for left-over doses calls
// only those who opted in).

export interface RegisterRow {
  line: number;
  name: string;
  birthDate: string; // YYYY-MM-DD
  street: string;
  postcode: string;
  city: string;
  phone: string | null;
  /** Opted in to be called for left-over doses the same day; false without the column. */
  shortNotice: boolean;
}

export interface Rejected {
  line: number;
  reason: string;
}

const HEADERS = {
  name: ["name"],
  surname: ["nachname", "familienname"],
  firstName: ["vorname", "vornamen"],
  birthDate: ["geburtsdatum", "geboren"],
  street: ["strasse", "straße", "anschrift", "adresse"],
  postcode: ["plz", "postleitzahl"],
  city: ["ort", "wohnort", "stadt"],
  phone: ["telefon", "telefonnummer", "tel"],
  shortNotice: ["kurzfristig", "kurzfristig erreichbar", "kurzfristig verfügbar", "restdosen"],
} as const;

const YES = ["ja", "j", "x", "1"];
const NO = ["nein", "n", "0", ""];

export function parseRegisterCsv(text: string): { rows: RegisterRow[]; rejected: Rejected[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0] ?? "";
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  const names = splitCsvLine(header, delimiter).map((h) => h.trim().toLowerCase());
  const column = (key: keyof typeof HEADERS) => names.findIndex((h) => (HEADERS[key] as readonly string[]).includes(h));
  const at = Object.fromEntries(Object.keys(HEADERS).map((k) => [k, column(k as keyof typeof HEADERS)])) as Record<
    keyof typeof HEADERS,
    number
  >;
  if ((at.name < 0 && at.surname < 0) || at.birthDate < 0 || at.postcode < 0) {
    return {
      rows: [],
      rejected: [{ line: 1, reason: "Kopfzeile unvollständig: Name, Geburtsdatum und PLZ werden gebraucht" }],
    };
  }
  const rows: RegisterRow[] = [];
  const rejected: Rejected[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const line = i + 1;
    const cells = splitCsvLine(raw, delimiter).map((c) => c.trim());
    const cell = (k: keyof typeof HEADERS) => (at[k] >= 0 ? (cells[at[k]] ?? "") : "");
    // With separate columns both are needed: a first name alone identifies nobody.
    const name = at.name >= 0 ? cell("name") : cell("surname") ? `${cell("firstName")} ${cell("surname")}`.trim() : "";
    const birthDate = parseGermanDate(cell("birthDate"));
    const postcode = cell("postcode");
    const phoneText = cell("phone");
    const phone = phoneText ? normalisePhone(phoneText) : null;
    const shortNoticeText = cell("shortNotice");
    const shortNotice = YES.includes(shortNoticeText.toLowerCase())
      ? true
      : NO.includes(shortNoticeText.toLowerCase())
        ? false
        : null;
    const reason = !name
      ? "Name fehlt"
      : name.length > 200
        ? "Name zu lang (höchstens 200 Zeichen)"
        : !birthDate
          ? `Geburtsdatum ungültig: „${cell("birthDate")}“ (erwartet TT.MM.JJJJ)`
          : !/^\d{5}$/.test(postcode)
            ? `Postleitzahl ungültig: „${postcode}“`
            : !cell("street")
              ? "Straße und Hausnummer fehlen"
              : phoneText && !phone
                ? `Telefonnummer ungültig: „${phoneText}“`
                : shortNotice === null
                  ? `Kurzfristig ungültig: „${shortNoticeText}“ (erwartet ja oder nein)`
                  : null;
    if (reason) {
      rejected.push({ line, reason });
      continue;
    }
    const key = `${name.toLowerCase()}|${birthDate}|${postcode}`;
    if (seen.has(key)) {
      rejected.push({ line, reason: "Doppelt in dieser Datei" });
      continue;
    }
    seen.add(key);
    rows.push({
      line,
      name,
      birthDate: birthDate!,
      street: cell("street"),
      postcode,
      city: cell("city"),
      phone,
      shortNotice: shortNotice === true,
    });
  }
  return { rows, rejected };
}

/** "03.03.1938", "3.3.1938" or "1938-03-03" → "1938-03-03"; null for anything else or an impossible date. */
export function parseGermanDate(text: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = german
    ? [Number(german[3]), Number(german[2]), Number(german[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [0, 0, 0];
  if (!y) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "0521 123456", "+49 521 123456" → "+49521123456"; null when it cannot be a German number. */
export function normalisePhone(text: string): string | null {
  const digits = text.replace(/[\s\-/()]/g, "");
  const e164 = digits.startsWith("+")
    ? digits
    : digits.startsWith("00")
      ? `+${digits.slice(2)}`
      : digits.startsWith("0")
        ? `+49${digits.slice(1)}`
        : null;
  return e164 && /^\+\d{8,15}$/.test(e164) ? e164 : null;
}

function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
