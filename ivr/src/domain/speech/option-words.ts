// Spoken menu options by their own words: "Köln", "buchen", "beenden". A menu names what each
// key does; a caller who says the name instead of the number means that option. Only a single
// option may match: "Köln oder Bonn" picks nothing and the menu asks again.

/** Lower case, accents and umlauts folded ("Köln" → "koln"), ß → ss, punctuation to spaces. */
export function foldForMatching(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The one key whose words occur (as whole words) in what was said, else null. */
export function matchOptionWords(text: string, words: Readonly<Record<string, readonly string[]>>): string | null {
  const said = ` ${foldForMatching(text)} `;
  const matched = Object.entries(words)
    .filter(([, phrases]) => phrases.some((phrase) => said.includes(` ${foldForMatching(phrase)} `)))
    .map(([key]) => key);
  return matched.length === 1 ? matched[0]! : null;
}
