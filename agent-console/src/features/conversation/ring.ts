// The desk rings while a call is offered: a short two-tone beep every 1.5 s (WebAudio, no sound
// file) and a flashing document title, so an agent in another tab or window notices. Browsers
// only let a page play sound after the user touched it, so the audio context is created on the
// first click or key press (signing in is one), never before: Chromium warns otherwise.
import { useEffect } from "react";

const BEEP_EVERY_MS = 1_500;
const FLASH_EVERY_MS = 700;

let audio: AudioContext | null = null;
function unlock(): void {
  if (audio || typeof AudioContext === "undefined") return;
  audio = new AudioContext();
}
if (typeof window !== "undefined") {
  window.addEventListener("pointerdown", unlock, { once: true, capture: true });
  window.addEventListener("keydown", unlock, { once: true, capture: true });
}

function beep(): void {
  if (!audio || audio.state !== "running") return;
  const at = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 660],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, at + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, at + offset + 0.16);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at + offset);
    oscillator.stop(at + offset + 0.17);
  }
}

/** Rings (sound and title) while `flashTitle` is set; the page's own title comes back after. */
export function useRinging(flashTitle: string | null): void {
  useEffect(() => {
    if (!flashTitle) return;
    const original = document.title;
    let on = false;
    beep();
    const beeps = setInterval(beep, BEEP_EVERY_MS);
    const flashes = setInterval(() => {
      on = !on;
      document.title = on ? flashTitle : original;
    }, FLASH_EVERY_MS);
    return () => {
      clearInterval(beeps);
      clearInterval(flashes);
      document.title = original;
    };
  }, [flashTitle]);
}
