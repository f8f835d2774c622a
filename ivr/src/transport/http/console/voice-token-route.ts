// Short-lived access tokens for the agents' browser softphone (Twilio Voice JavaScript SDK).
// Signing needs no network, so the endpoint works here too; without Twilio credentials the
// console is told it runs against the emulator, where "answer" bridges the emulated caller.
import { Router } from "express";
import type { i18n } from "i18next";
import twilio from "twilio";
import { requireRole } from "./session-auth.ts";

export const TOKEN_TTL_SECONDS = 600;

export interface SoftphoneConfig {
  accountSid: string;
  apiKey?: string;
  apiSecret?: string;
  twimlAppSid?: string;
  live: boolean;
}

export function voiceTokenRoute(deps: { i18n: i18n; softphone: SoftphoneConfig }): Router {
  const router = Router();
  router.get("/api/voice/token", requireRole(deps.i18n), (req, res) => {
    const { accountSid, apiKey, apiSecret, twimlAppSid, live } = deps.softphone;
    const ready = live && apiKey && apiSecret && twimlAppSid;
    const token = new twilio.jwt.AccessToken(
      accountSid,
      apiKey ?? "SK00000000000000000000000000000000",
      apiSecret ?? "emulator-not-a-secret",
      {
        identity: req.agent!.id,
        ttl: TOKEN_TTL_SECONDS,
      },
    );
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: twimlAppSid, incomingAllow: true }));
    res.set("Cache-Control", "no-store").json({
      token: token.toJwt(),
      identity: req.agent!.id,
      ttlSeconds: TOKEN_TTL_SECONDS,
      mode: ready ? "twilio" : "emulator",
    });
  });
  return router;
}
