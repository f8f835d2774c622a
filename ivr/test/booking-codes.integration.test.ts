// Booking codes on the ledger: a keypad form shared by two codes is never issued twice (the
// unique index refuses it and a fresh code is drawn), and a caller who lost the code is found
// by birth date, postcode and the phone number on file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_ALPHABET, checkCharacter, generateBookingCode, keypadForm } from "../src/domain/ledger/booking-code.ts";
import type { BookingCode } from "../src/domain/ledger/booking-code.ts";
import { Ledger } from "../src/domain/ledger/ledger.ts";
import { FakeClock } from "./support/clock.ts";
import { givenCentre, person } from "./support/scenario.ts";
import { createTestServices, DB_KINDS, type TestServices } from "./support/test-services.ts";

/** A second valid code with the same keypad form: a letter swapped for one on its key. */
function keypadTwin(): { code: BookingCode; twin: BookingCode } {
  for (;;) {
    const code = generateBookingCode();
    for (let i = 0; i < 11; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code.code[i] || keypadForm(c) !== keypadForm(code.code[i]!)) continue;
        const body = code.code.slice(0, i) + c + code.code.slice(i + 1, 11);
        const twin = body + checkCharacter(body);
        if (keypadForm(twin) === code.keypad) return { code, twin: { code: twin, keypad: code.keypad } };
      }
    }
  }
}

describe.each(DB_KINDS)("booking codes on %s", (kind) => {
  let s: TestServices;
  const clock = new FakeClock();

  beforeAll(async () => {
    s = await createTestServices(kind, clock);
  });
  afterAll(async () => {
    await s?.dispose();
  });

  it("when a new code's keypad form or written form is taken, then a fresh code is drawn and both bookings keep theirs", async () => {
    const centre = await givenCentre(s, "Kreis Warendorf").withFreePairs(3);
    const { code, twin } = keypadTwin();
    const fresh = [generateBookingCode(), generateBookingCode()];
    const drawn: string[] = [];
    const codes = [code, twin, fresh[0]!, code, fresh[1]!];
    const ledger = new Ledger(s.store, s.geography, clock, s.ledger.settings, () => {
      const next = codes.shift()!;
      drawn.push(next.code);
      return next;
    });
    const pairs = await ledger.freePairs(centre.id);
    const first = await ledger.book({ firstSlotId: pairs[0]!.firstSlotId, person: person(301), channel: "phone" });
    // Same keypad digits as the first code, other letters: refused by booking_keypad_code_key.
    const second = await ledger.book({ firstSlotId: pairs[1]!.firstSlotId, person: person(302), channel: "phone" });
    // The very same written code: refused by booking_code_key.
    const third = await ledger.book({ firstSlotId: pairs[2]!.firstSlotId, person: person(303), channel: "phone" });
    expect(drawn).toEqual([code.code, twin.code, fresh[0]!.code, code.code, fresh[1]!.code]);
    expect([first.code, second.code, third.code]).toEqual([code.code, fresh[0]!.code, fresh[1]!.code]);
    expect((await ledger.lookup(code.keypad)).id).toBe(first.bookingId);
    expect((await ledger.lookup(fresh[0]!.keypad)).id).toBe(second.bookingId);
    expect(await s.db.prisma.booking.count({ where: { keypadCode: code.keypad } })).toBe(1);
  });

  describe("when a caller who lost the code gives birth date, postcode and phone number", () => {
    // person(401): born 3 March 1938, postcode 33330, phone on file +495241000401.
    beforeAll(async () => {
      const centre = await givenCentre(s, "Kreis Gütersloh").withFreePairs(1, { firstMinute: 700 });
      const [pair] = await s.ledger.freePairs(centre.id);
      await s.ledger.book({ firstSlotId: pair!.firstSlotId, person: person(401), channel: "phone" });
    });

    it.each([
      { given: "the caller ID as on file", phone: "+495241000401", found: 1 },
      { given: "the number typed nationally", phone: "05241 000401", found: 1 },
      { given: "the number with 0049", phone: "0049 5241 000401", found: 1 },
      { given: "another number", phone: "+495241000402", found: 0 },
      { given: "another postcode", phone: "+495241000401", postcode: "33332", found: 0 },
      { given: "another birth date", phone: "+495241000401", birthDate: "1938-03-04", found: 0 },
    ])("$given, then $found booking is found", async ({ phone, postcode, birthDate, found }) => {
      const bookings = await s.ledger.findByPerson({
        birthDate: birthDate ?? "1938-03-03",
        postcode: postcode ?? "33330",
        phone,
      });
      expect(bookings.map((b) => b.person.phone)).toEqual(found ? ["+495241000401"] : []);
    });
  });

  it("when the booking was made by an agent with a typed mobile number and later cancelled, then only the active one is found", async () => {
    const centre = await givenCentre(s, "Kreis Kleve").withFreePairs(2);
    const [a, b] = await s.ledger.freePairs(centre.id);
    const who = person(402, { phone: "0151 2345 6789", postcode: "47533", birthDate: "1936-12-24" });
    const query = { birthDate: "1936-12-24", postcode: "47533", phone: "+4915123456789" };
    const { code } = await s.ledger.book({ firstSlotId: a!.firstSlotId, person: who, channel: "agent", agentId: "a1" });
    expect((await s.ledger.findByPerson(query)).map((x) => x.code)).toEqual([code]);
    await s.ledger.cancel(code, "phone");
    expect(await s.ledger.findByPerson(query)).toEqual([]);
    const again = await s.ledger.book({ firstSlotId: b!.firstSlotId, person: who, channel: "agent", agentId: "a1" });
    expect((await s.ledger.findByPerson(query)).map((x) => x.code)).toEqual([again.code]);
  });
});
