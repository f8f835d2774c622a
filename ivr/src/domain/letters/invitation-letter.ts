// The invitation letter: for people on the waiting list reached by letter (no phone or no
// consent to calls, or three call attempts unanswered). The run (or the letter fallback) has
// booked the pair; the letter is the confirmation's layout (DIN 5008, 14 pt, both dates, the
// code in both forms, the centre's address, what to bring, how to change or cancel by phone),
// with the invitation's own opening and one line in the person's language where the letter's
// font (DejaVu Sans) sets it properly: Arabic needs shaping and right-to-left lines that the
// PDF layout does not do, so Arabic speakers get the German letter and the hotline's number.
import { confirmationLetter, type ConfirmationLetterInput, type Letter } from "./confirmation-letter.ts";

const OWN_LANGUAGE: Record<string, (phone: string) => string> = {
  en: (phone) =>
    `Your two vaccination appointments are booked (see below). Questions or changes: please call ${phone}.`,
  tr: (phone) =>
    `İki aşı randevunuz alındı (aşağıya bakın). Sorularınız veya değişiklik için lütfen ${phone} numarasını arayın.`,
  ru: (phone) => `Вам назначены два приёма на прививку (см. ниже). Вопросы или изменения: звоните по номеру ${phone}.`,
  pl: (phone) =>
    `Zarezerwowano dwa terminy szczepienia (patrz niżej). Pytania lub zmiany: prosimy dzwonić pod numer ${phone}.`,
};

export function invitationLetter(input: ConfirmationLetterInput & { language: string }): Letter {
  const letter = confirmationLetter(input);
  const own = OWN_LANGUAGE[input.language]?.(input.hotline.phone);
  return {
    ...letter,
    subject: "Ihre Einladung zur Corona-Impfung",
    paragraphs: [
      "Sie stehen auf der Warteliste der Impf-Hotline. Sie sind jetzt an der Reihe: Für Sie sind zwei Impftermine gebucht.",
      "Bitte kommen Sie zu beiden Terminen. Passt ein Termin nicht, rufen Sie uns an. Wir suchen mit Ihnen einen anderen.",
      ...(own ? [own] : []),
    ],
  };
}
