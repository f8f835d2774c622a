import { describe, expect, it } from "vitest";
import {
  CODE_ALPHABET,
  checkCharacter,
  formatBookingCode,
  formatKeypadCode,
  generateBookingCode,
  keypadForm,
  keypadGroups,
  luhnValid,
  parseBookingCode,
} from "./booking-code.ts";

describe("booking codes", () => {
  const samples = Array.from({ length: 2000 }, () => generateBookingCode());

  it("when generated, then 12 characters from the look-alike-free alphabet, with a valid check", () => {
    for (const { code, keypad } of samples) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
      expect(code).not.toMatch(/[01OIL]/);
      expect(parseBookingCode(code)).toEqual({ ok: true, kind: "code", code });
      expect(keypad).toBe(keypadForm(code));
      expect(parseBookingCode(keypad)).toEqual({ ok: true, kind: "keypad", keypad });
    }
  });

  it("when generated many times, then they are random (no repeats in 2000)", () => {
    expect(new Set(samples.map((s) => s.code)).size).toBe(samples.length);
  });

  it("when any single character is mistyped, then the check character catches it", () => {
    const { code } = samples[0]!;
    for (let i = 0; i < 12; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseBookingCode(typo)).toEqual({ ok: false, error: "code_invalid" });
      }
    }
  });

  it("when two neighbouring characters are swapped, then it is detected", () => {
    for (const { code, keypad } of samples.slice(0, 200)) {
      for (let i = 0; i < 11; i++) {
        if (code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(parseBookingCode(swapped).ok).toBe(false);
        }
        if (keypad[i] !== keypad[i + 1]) {
          const swapped = keypad.slice(0, i) + keypad[i + 1] + keypad[i] + keypad.slice(i + 2);
          expect(luhnValid(swapped)).toBe(false);
        }
      }
    }
  });

  it("when a keypad digit is mistyped, then Luhn catches it", () => {
    const { keypad } = samples[1]!;
    for (let i = 0; i < 12; i++) {
      for (const d of "23456789") {
        if (d === keypad[i]) continue;
        expect(parseBookingCode(keypad.slice(0, i) + d + keypad.slice(i + 1)).ok).toBe(false);
      }
    }
  });

  it("when written with dashes, spaces or lower case, then it still parses", () => {
    const { code } = samples[2]!;
    const shown = formatBookingCode(code);
    expect(shown).toMatch(/^.{4}-.{4}-.{4}$/);
    expect(parseBookingCode(shown.toLowerCase().replace(/-/g, " "))).toEqual({ ok: true, kind: "code", code });
  });

  it("when the input has a 0, 1, O, I or L, or the wrong length, then it is rejected", () => {
    expect(parseBookingCode("").ok).toBe(false);
    expect(parseBookingCode("ABCD").ok).toBe(false);
    expect(parseBookingCode("012345678912").ok).toBe(false);
    expect(parseBookingCode("OOOOIIIILLLL").ok).toBe(false);
  });

  it("when the body is fixed, then the check character is deterministic", () => {
    expect(checkCharacter("23456789ABC")).toBe(checkCharacter("23456789ABC"));
    const body = "23456789ABC";
    expect(parseBookingCode(body + checkCharacter(body)).ok).toBe(true);
  });

  it("when the keypad form is printed or read, then in four groups of three digits, from either form", () => {
    expect(keypadGroups("463579284665")).toEqual(["463", "579", "284", "665"]);
    expect(formatKeypadCode("463579284665")).toBe("463 579 284 665");
    // 7KQM-P2XD-9HTA: 7 K→5 Q→7 M→6 · P→7 2 X→9 D→3 · 9 H→4 T→8 A→2
    expect(formatKeypadCode("7KQM-P2XD-9HTA")).toBe("757 672 939 482");
    for (const { code, keypad } of samples.slice(0, 50)) {
      expect(formatKeypadCode(code)).toBe(formatKeypadCode(keypad));
      expect(parseBookingCode(formatKeypadCode(keypad))).toEqual({ ok: true, kind: "keypad", keypad });
    }
  });
});
