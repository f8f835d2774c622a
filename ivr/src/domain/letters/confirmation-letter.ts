// The confirmation letter a caller without a mobile phone was promised ("Die Bestätigung kommt
// per Brief"): what it says, as data. Plain German in short lines, the code in both forms (as
// written and as typed on the phone, in the groups the phone reads), how to change or cancel,
// and the sentence against fake calls. The PDF adapter only lays it out.
import { formatBookingCode, formatKeypadCode } from "../ledger/booking-code.ts";
import { formatAppointmentDe } from "../time/german-format.ts";
import { TIME_ZONE } from "../time/berlin.ts";

export interface LetterRecipient {
  name: string;
  street: string;
  postcode: string;
  city: string;
}

export interface LetterCentre {
  name: string;
  street: string | null;
  postcode: string | null;
  city: string;
}

export interface ConfirmationLetterInput {
  recipient: LetterRecipient;
  centre: LetterCentre;
  code: string;
  firstStartsAt: Date;
  secondStartsAt: Date;
  printedAt: Date;
  hotline: { name: string; phone: string; opens: string; closes: string };
}

export interface Letter {
  sender: string;
  recipient: string[];
  facts: [label: string, value: string][];
  subject: string;
  salutation: string;
  paragraphs: string[];
  /** Lines set apart (appointments, place, code), each with its label. */
  highlights: [label: string, value: string][];
  closing: string[];
}

const day = new Intl.DateTimeFormat("de-DE", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const hour = (hhmm: string) => hhmm.replace(/^0/, "").replace(/:00$/, "");

export function confirmationLetter(input: ConfirmationLetterInput): Letter {
  const { recipient, centre, hotline } = input;
  const place = centre.street
    ? `${centre.name}, ${centre.street}, ${[centre.postcode, centre.city].filter(Boolean).join(" ")}`
    : `${centre.name} in ${centre.city} (die genaue Adresse schicken wir Ihnen, sobald sie feststeht)`;
  return {
    sender: hotline.name,
    recipient: [recipient.name, recipient.street, `${recipient.postcode} ${recipient.city}`],
    facts: [
      ["Datum", day.format(input.printedAt)],
      ["Buchungscode", formatBookingCode(input.code)],
      ["Telefon", hotline.phone],
    ],
    subject: "Ihre Impftermine",
    salutation: `Guten Tag ${recipient.name},`,
    paragraphs: ["für Sie sind zwei Impftermine gebucht. Bitte kommen Sie zu beiden Terminen."],
    highlights: [
      ["1. Impfung", formatAppointmentDe(input.firstStartsAt)],
      ["2. Impfung", formatAppointmentDe(input.secondStartsAt)],
      ["Ort", place],
      ["Buchungscode", formatBookingCode(input.code)],
      ["am Telefon tippen", formatKeypadCode(input.code)],
    ],
    closing: [
      "Bitte bringen Sie Ihren Personalausweis und, wenn vorhanden, Ihren Impfpass mit.",
      `Möchten Sie einen Termin verschieben oder absagen? Rufen Sie die Impf-Hotline an: ${hotline.phone}, ` +
        `täglich von ${hour(hotline.opens)} bis ${hour(hotline.closes)} Uhr. Halten Sie den Buchungscode bereit.`,
      "Die Impf-Hotline fragt nie nach Geld oder Bankdaten. Wer das tut, ruft nicht von uns an.",
      "Mit freundlichen Grüßen",
      "Ihre Impf-Hotline",
    ],
  };
}
