// One readable message per failure for the terminal phone – a developer
// trying the hotline should see what to fix, not a stack trace.
import { WebhookError } from "./webhook-client.ts";
import { ScriptExpectationError } from "./scripted-caller.ts";

export function describeFailure(error: unknown): string {
  if (error instanceof WebhookError) {
    switch (error.kind) {
      case "unreachable": {
        const url = /https?:\/\/[^/\s]+/.exec(error.message)?.[0] ?? "der angegebenen URL";
        return `✗ Kein Server unter ${url} erreichbar – läuft \`npm start\`?`;
      }
      case "http":
        if (error.status === 403) {
          return `✗ ${error.message}\n  Signatur abgelehnt? --token/TWILIO_AUTH_TOKEN und PUBLIC_BASE_URL müssen zum Server passen.`;
        }
        return `✗ ${error.message}`;
      default:
        return `✗ ${error.message}`;
    }
  }
  if (error instanceof ScriptExpectationError) return `✗ ${error.message}`;
  if (isArgumentError(error)) return `✗ ${error.message}\n  npm run call -- --help`;
  return `✗ ${error instanceof Error ? error.message : String(error)}`;
}

/** node:util parseArgs fails with these codes (unknown option, missing value). */
function isArgumentError(error: unknown): error is Error {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return false;
  return error.code.startsWith("ERR_PARSE_ARGS");
}
