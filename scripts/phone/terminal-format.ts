// How the terminal phone shows a call: one line per thing the caller hears or does, so a
// `--script` run reads like a transcript (used in the README), and one line per failure.
import { spawnSync } from "node:child_process";
import type { CallEvent } from "./call-events.ts";
import { describeInput, describePrompt } from "./caller-input.ts";
import { WebhookError } from "./webhook-client.ts";

/** `echoInput`: show the caller's answers (a keyboard user already sees what they typed). */
export function formatEvent(event: CallEvent, echoInput: boolean): string | undefined {
  switch (event.type) {
    case "say":
      return `🔊 [${event.language ?? "en-US"}] ${event.text}${event.loop > 1 ? ` (×${event.loop})` : ""}`;
    case "play":
      return `♪ ${event.url}`;
    case "pause":
      return `   … ${event.seconds} s Pause`;
    case "gather":
      return `   ${describePrompt(event.prompt)}`;
    case "record":
      return `   ${describePrompt(event.prompt)} → ${event.recordingUrl ?? "(leer)"}`;
    case "input":
      return echoInput ? `👤 ${describeInput(event.input)}   (${event.outcome})` : `   (${event.outcome})`;
    case "enqueue":
      return `⏳ Warteschlange "${event.queue}"`;
    case "dequeue":
      return `⏳ Warteschlange verlassen: ${event.result}`;
    case "dial":
      return `📞 Dial ${event.targets.map((t) => `${t.kind} ${t.value}`).join(", ")}`;
    case "hangup":
      return `☎ Aufgelegt (${event.by}; CallStatus ${event.callStatus})`;
    default:
      return undefined; // requests, redirects and wait loops are the server's business
  }
}

/** One readable line per failure: a developer trying the hotline should see what to fix, not a stack. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof WebhookError && error.kind === "unreachable") {
    const url = /https?:\/\/[^/\s]+/.exec(message)?.[0] ?? "der angegebenen URL";
    return `✗ Kein Server unter ${url} erreichbar – läuft \`npm start\`?`;
  }
  if (error instanceof WebhookError && error.status === 403)
    return `✗ ${message}\n  Signatur abgelehnt? TWILIO_AUTH_TOKEN und PUBLIC_BASE_URL müssen zum Server passen.`;
  // node:util parseArgs fails with ERR_PARSE_ARGS_* codes (unknown option, missing value).
  const code = (error as { code?: unknown } | null)?.code;
  const badArguments = typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
  return `✗ ${message}${badArguments ? "\n  npm run call -- --help" : ""}`;
}

/** `--speak`: espeak-ng reads each <Say> in its language (silently nothing when it is not installed). */
export function espeakSpeaker(): (text: string, language: string | undefined) => void {
  return (text, language) => {
    // Twilio's default language is en-US; blocking, so the caller hears the prompt before answering.
    const voice = (language ?? "en-US").split("-")[0]!.toLowerCase();
    spawnSync("espeak-ng", ["-v", voice, "-s", "140", text], { stdio: "ignore" });
  };
}
