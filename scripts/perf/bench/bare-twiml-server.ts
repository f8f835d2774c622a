// The baseline of bench:ivr: the least an Express app can do with a Twilio webhook. It parses the
// form body as the hotline does and answers every /voice POST with one static <Gather>; no
// signature check, no database, no state. Started (PORT, HOST) and stopped by harness/server.ts.
import { createServer } from "node:http";
import express from "express";
import twilio from "twilio";

const response = new twilio.twiml.VoiceResponse();
const gather = response.gather({
  action: "/voice/step/next",
  method: "POST",
  input: ["dtmf", "speech"],
  language: "de-DE",
  timeout: 6,
  actionOnEmptyResult: true,
  speechTimeout: "auto",
  hints: "eins, zwei, drei",
});
gather
  .say({ language: "de-DE", voice: "Polly.Vicki" }, "")
  .prosody(
    { rate: "90%" },
    "Wenn Sie bereits einen Buchungscode haben, drücken Sie die 1. Wenn Sie neue Termine buchen möchten, drücken Sie die 2. " +
      "Mit der Stern-Taste hören Sie diese Auswahl noch einmal.",
  );
response.redirect({ method: "POST" }, "/voice/step/next");
const STATIC_TWIML = response.toString();

const app = express();
app.disable("x-powered-by");
app.get("/healthz", (_req, res) => {
  res.status(200).json({ status: "ok" });
});
app.use("/voice", express.urlencoded({ extended: false, limit: "32kb", parameterLimit: 100 }));
app.post("/voice/status", (_req, res) => {
  res.status(204).end();
});
app.post(/^\/voice\//, (_req, res) => {
  res.status(200).type("text/xml").send(STATIC_TWIML);
});

createServer(app).listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? "127.0.0.1");
