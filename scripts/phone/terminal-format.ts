// How the terminal phone shows a call: one line per thing the caller hears
// or does, so a `--script` run reads like a transcript (used in the README).
import type { CallEvent } from "./call-events.ts";
import { describeInput, describePrompt } from "./caller-input.ts";

export interface FormatOptions {
  /** Also show webhook requests and redirects. */
  verbose: boolean;
  /** Show the caller's answers (the keyboard user already sees what they typed). */
  echoInput: boolean;
}

export function formatEvent(event: CallEvent, options: FormatOptions): string | undefined {
  switch (event.type) {
    case "say": {
      const loop = event.loop > 1 ? ` (×${event.loop})` : "";
      return `🔊 [${event.language ?? "en-US"}] ${event.text}${loop}`;
    }
    case "play":
      return event.digits !== undefined ? `♪ DTMF ${event.digits}` : `♪ ${event.url ?? ""}`;
    case "pause":
      return `   … ${event.seconds} s Pause`;
    case "gather":
      return `   ${describePrompt(event.prompt)}`;
    case "record":
      return `   ${describePrompt(event.prompt)}${event.recordingUrl ? ` → ${event.recordingUrl}` : " → (leer)"}`;
    case "input":
      return options.echoInput ? `👤 ${describeInput(event.input)}   (${event.outcome})` : `   (${event.outcome})`;
    case "request":
      return options.verbose ? `   ⇢ ${event.method} ${event.url} → ${event.status} (${event.ms} ms)` : undefined;
    case "redirect":
      return options.verbose ? `   ↪ ${event.url}` : undefined;
    case "enqueue":
      return `⏳ Warteschlange "${event.queue}"${event.waitUrl ? ` (Wartemusik: ${event.waitUrl})` : ""}`;
    case "queue-wait":
      return `⏳ Wartedurchlauf ${event.loop}, ${event.queueTime} s in der Schlange`;
    case "dequeue":
      return `⏳ Warteschlange verlassen: ${event.result}`;
    case "dial":
      return `📞 Dial ${event.targets.map((t) => `${t.kind} ${t.value}`).join(", ")} → ${event.outcome}`;
    case "message":
      return `✉ ${event.verb} an ${event.to ?? "Anrufer"}: ${event.text}`;
    case "hangup":
      return `☎ Aufgelegt (${hangupText[event.by]}; CallStatus ${event.callStatus})`;
  }
}

const hangupText: Record<Extract<CallEvent, { type: "hangup" }>["by"], string> = {
  twiml: "<Hangup/>",
  "end-of-twiml": "TwiML zu Ende",
  caller: "Anrufer hat aufgelegt",
  reject: "<Reject/>",
  "queue-hangup": "Anrufer hat in der Warteschlange aufgelegt",
};
