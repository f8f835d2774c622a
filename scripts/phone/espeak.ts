// Optional loudspeaker for the terminal phone: `espeak-ng` reads each <Say>
// in a voice matching its language. Absent espeak-ng is not an error – the
// text is printed anyway – so the check happens once and then stays quiet.
import { spawnSync } from "node:child_process";

/** espeak-ng voices for the languages the hotline speaks; others use their primary subtag. */
const VOICES: Record<string, string> = { de: "de", en: "en", tr: "tr", ru: "ru", pl: "pl", ar: "ar" };

export type Speaker = (text: string, language: string | undefined) => void;

/** Returns a speaker, or undefined when espeak-ng is not installed. */
export function createEspeakSpeaker(): Speaker | undefined {
  const probe = spawnSync("espeak-ng", ["--version"], { stdio: "ignore" });
  if (probe.error !== undefined || probe.status !== 0) return undefined;
  return (text, language) => {
    // Twilio's default language is en-US, so an untagged <Say> is English.
    const primary = (language ?? "en-US").split("-")[0]?.toLowerCase() ?? "en";
    // Blocking on purpose: the caller hears the prompt before being asked to answer.
    spawnSync("espeak-ng", ["-v", VOICES[primary] ?? primary, "-s", "140", text], { stdio: "ignore" });
  };
}
