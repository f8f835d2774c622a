// `npm run call` – a phone in the terminal, playing Twilio against the running server: prints what
// would be spoken, reads keys or speech from the keyboard or --script. With --answer it takes the
// server's next outbound call to that number (invitation, reminder, standby, …) instead.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { RingingLine } from "../../ivr/src/adapters/telephony/emulated-ringing.ts";
import { answeredCallOptions, waitForCall } from "./answer-phone.ts";
import { CallEmulator, ScriptedCaller, type CallEvent } from "./call-emulator.ts";
import { parseCallerInput, type Caller, type CallerInput } from "./caller-input.ts";
import { describeFailure, espeakSpeaker, formatEvent } from "./terminal-format.ts";

const USAGE = `Usage: npm run call -- [--url http://localhost:3000] [--script "2,1938,33330,1"] [--speak]
       npm run call -- --answer +49151… [--machine] [--wait <seconds>] [--script …]   (takes the next call to it)
Input: keys 0-9 * # · s:<text> = speech · empty line = silence · q = hang up · r:<seconds> = recording`;

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env"); // like `npm start`; real env vars win
  const { values: args } = parseArgs({
    options: {
      url: { type: "string" },
      script: { type: "string" },
      answer: { type: "string" },
      machine: { type: "boolean" },
      wait: { type: "string" },
      speak: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (args.help) return void console.log(USAGE);

  const env = (name: string): string | undefined => process.env[name] || undefined;
  // Requests go to the local server, signed over the URL the server validates against (PUBLIC_BASE_URL).
  const baseUrl = args.url ?? `http://localhost:${env("PORT") ?? 3000}`;
  const publicBaseUrl = env("PUBLIC_BASE_URL") ?? baseUrl;
  const scripted = args.script !== undefined;
  const speak = args.speak ? espeakSpeaker() : undefined;
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const readLine = async (question: string): Promise<string | undefined> => {
    process.stdout.write(question);
    const next = await lines.next();
    return next.done ? undefined : next.value;
  };
  const base = {
    baseUrl,
    publicBaseUrl,
    authToken: env("TWILIO_AUTH_TOKEN") ?? "dev-auth-token-change-me",
    accountSid: env("TWILIO_ACCOUNT_SID"),
    onEvent: (event: CallEvent) => {
      const line = formatEvent(event, scripted || !process.stdin.isTTY);
      if (line !== undefined) console.log(line);
      if (event.type === "say") speak?.(event.text, event.language);
    },
  };

  let call: CallEmulator;
  if (args.answer !== undefined) {
    // The server's emulator must see the same directory (EMULATED_PHONES_DIR, default tmp/phones).
    const line = new RingingLine(env("EMULATED_PHONES_DIR"));
    const seconds = args.wait === undefined ? undefined : Number(args.wait);
    console.log(`☎ Warte auf einen Anruf an ${args.answer}${seconds ? ` (höchstens ${seconds} s)` : ""} …`);
    const ringing = await waitForCall(line, args.answer, { timeoutMs: seconds ? seconds * 1000 : undefined });
    if (!ringing) {
      console.log("— Kein Anruf gekommen.");
      process.exitCode = 2;
      return void process.stdin.pause();
    }
    call = new CallEmulator(answeredCallOptions(ringing, base, args.machine ? "machine" : "human", line));
    const machine = args.machine ? " (Anrufbeantworter)" : "";
    console.log(`☎ Es klingelt: ${ringing.from} → ${ringing.to}, abgenommen${machine}`);
  } else {
    call = new CallEmulator(base);
    console.log(`☎ Anruf ${call.identity.from} → ${call.identity.to} über ${baseUrl}`);
  }

  const caller: Caller = scripted
    ? new ScriptedCaller((args.script ?? "").split(","), { whenExhausted: "hangup" })
    : { answer: () => keyboardInput(readLine) };
  let state = await call.run(caller);
  while (state === "queued") {
    // A scripted caller hangs up in the queue; at the keyboard an agent may also take the call.
    const choice = scripted ? "q" : await readLine("In der Warteschlange – b = Agent, l = verlassen, q = auflegen > ");
    if (choice?.trim() === "b") state = await call.bridgeToAgent();
    else state = await call.leaveQueue(choice?.trim() === "l" ? "leave" : "hangup");
  }
  const statuses = [...new Set(call.httpStatuses)].join("/");
  const seconds = Math.ceil(call.elapsedSeconds);
  console.log(`— Ende nach ${seconds} s Gesprächszeit, ${call.requests.length} Webhook-Anfragen (HTTP ${statuses})`);
  process.stdin.pause();
}

/** Reads keyboard lines until one is valid input; end of input means hanging up. */
async function keyboardInput(readLine: (q: string) => Promise<string | undefined>): Promise<CallerInput> {
  for (;;) {
    const line = await readLine("> ");
    if (line === undefined) return { hangup: true };
    try {
      return parseCallerInput(line);
    } catch (error) {
      console.log(`   ${(error as Error).message}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(describeFailure(error));
  process.exitCode = 1;
  process.stdin.pause();
});
