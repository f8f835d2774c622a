// bench:launch's chart: webhook requests per second and p99 latency per second over the run, as
// SVG, converted to PNG with rsvg-convert or ImageMagick when one is installed (docs/launch.png
// is one of these).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface SecondPoint {
  second: number;
  requests: number;
  p99Ms: number;
}

const has = (command: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/** Writes `<base>.svg` and, if a converter exists, `<base>.png`; png is null without one. */
export function writeChart(
  base: string,
  title: string,
  points: readonly SecondPoint[],
): { svg: string; png: string | null } {
  const [W, H, L, R, T, B] = [900, 420, 60, 70, 40, 50];
  const n = Math.max(1, points.length);
  const maxReq = Math.max(1, ...points.map((p) => p.requests)) * 1.1;
  const maxMs = Math.max(1, ...points.map((p) => p.p99Ms)) * 1.1;
  const x = (i: number) => L + ((W - L - R) * i) / Math.max(1, n - 1);
  const y = (share: number) => (H - B - (H - T - B) * share).toFixed(1);
  const line = (f: (p: SecondPoint) => number) => points.map((p, i) => `${x(i).toFixed(1)},${y(f(p))}`).join(" ");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) => `<line x1="${L}" x2="${W - R}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>
<text x="${L - 6}" y="${Number(y(t)) + 4}" text-anchor="end" fill="#1f77b4">${Math.round(maxReq * t)}</text>
<text x="${W - R + 6}" y="${Number(y(t)) + 4}" fill="#d62728">${Math.round(maxMs * t)}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${title.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</text>
${ticks.join("\n")}
<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#333"/>
<text x="${L}" y="${H - B + 18}">0 s</text><text x="${W - R}" y="${H - B + 18}" text-anchor="end">${n - 1} s</text>
<text x="${W / 2}" y="${H - 12}" text-anchor="middle">seconds since the first caller</text>
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" fill="#1f77b4">webhook requests / s</text>
<text x="${W - 14}" y="${H / 2}" transform="rotate(90 ${W - 14} ${H / 2})" text-anchor="middle" fill="#d62728">p99 latency, ms</text>
<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((p) => p.requests / maxReq)}"/>
<polyline fill="none" stroke="#d62728" stroke-width="1.5" points="${line((p) => p.p99Ms / maxMs)}"/>
</svg>
`;
  const [svgPath, pngPath] = [`${base}.svg`, `${base}.png`];
  mkdirSync(dirname(svgPath), { recursive: true });
  writeFileSync(svgPath, svg);
  const converter = [
    ["rsvg-convert", "-o", pngPath, svgPath],
    ["magick", svgPath, pngPath],
    ["convert", svgPath, pngPath],
  ].find(([c]) => has(c!));
  try {
    if (!converter) return { svg: svgPath, png: null };
    execFileSync(converter[0]!, converter.slice(1), { stdio: "ignore" });
    return { svg: svgPath, png: pngPath };
  } catch {
    return { svg: svgPath, png: null };
  }
}
