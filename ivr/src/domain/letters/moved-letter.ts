// The letter for a person without a phone whose pair a supply drop moved: the same layout,
// code and closing lines as the confirmation (a recipient recognises it), a subject and first
// paragraph that say plainly what happened and that the code stays the same.
import { confirmationLetter, type ConfirmationLetterInput, type Letter } from "./confirmation-letter.ts";

export function movedLetter(input: ConfirmationLetterInput): Letter {
  const letter = confirmationLetter(input);
  return {
    ...letter,
    subject: "Ihr Impftermin wurde verschoben",
    paragraphs: [
      "weil weniger Impfstoff geliefert wird als geplant, mussten wir Ihre beiden Impftermine verschieben. " +
        "Das tut uns leid. Ihr Buchungscode bleibt derselbe.",
      "Ihre neuen Termine:",
    ],
    closing: [
      `Passt Ihnen der neue Termin nicht? Rufen Sie die Impf-Hotline an: ${input.hotline.phone}. ` +
        "Wir suchen mit Ihnen einen anderen Termin.",
      ...letter.closing.slice(0, 1),
      ...letter.closing.slice(2),
    ],
  };
}
