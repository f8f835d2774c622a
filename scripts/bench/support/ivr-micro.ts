// Unit costs behind the profile, measured in this process (CPU µs per operation, after a
// warm-up): rendering TwiML the way the hotline does vs. sending a prebuilt string, the
// Twilio signature check, Prisma $queryRaw vs. pg for the same trivial query, and creating an
// Intl.DateTimeFormat per call vs. reusing one. Each item is independent; one that no longer
// fits the code (the hotline is being changed) reports its error instead of a number.
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import twilio from "twilio";
import { PrismaClient } from "../../../ivr/src/generated/prisma/client.ts";
import { createI18n } from "../../../ivr/src/i18n.ts";
import { renderTwiml } from "../../../ivr/src/transport/voice/render-twiml.ts";
import { signTwilioRequest, standardParams } from "../../phone/twilio-request.ts";
import { round } from "./report.ts";

export interface MicroCost {
  name: string;
  usPerOp: number | null;
  note?: string;
}

async function cpuPerOp(ops: number, op: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, ops); i++) await op();
  const before = process.cpuUsage();
  for (let i = 0; i < ops; i++) await op();
  const used = process.cpuUsage(before);
  return round((used.user + used.system) / ops, 1);
}

export async function microCosts(databaseUrl: string): Promise<MicroCost[]> {
  const out: MicroCost[] = [];
  const item = async (name: string, run: () => Promise<number>, note?: string) => {
    try {
      out.push({ name, usPerOp: await run(), note });
    } catch (error) {
      out.push({
        name,
        usPerOp: null,
        note: `n/a: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`,
      });
    }
  };

  const i18n = await createI18n();
  const t = i18n.t.bind(i18n);
  const menuOutcome = {
    prompts: [],
    gather: {
      step: "main-menu",
      speech: true,
      numDigits: 1,
      timeoutSeconds: 6,
      prompts: [{ say: "main_menu.options" }],
      hints: "eins, zwei, drei",
    },
  };
  await item("renderTwiml: a one-prompt menu (xmlbuilder + i18next)", () =>
    cpuPerOp(5000, () => renderTwiml(menuOutcome as never, "de", t)),
  );
  const prebuilt = renderTwiml(menuOutcome as never, "de", t);
  await item("the same TwiML as a prebuilt string (+ one i18next lookup)", () =>
    cpuPerOp(20000, () => prebuilt.length + t("main_menu.options", { ns: "voice", lng: "de" }).length),
  );

  const url = "http://127.0.0.1:3000/voice/step/main-menu";
  const call = {
    callSid: `CA${"0".repeat(32)}`,
    accountSid: `AC${"0".repeat(32)}`,
    from: "+4915112345678",
    to: "+49800116117",
  };
  const params: Record<string, string> = { ...standardParams(call, "in-progress"), Digits: "2", FinishedOnKey: "" };
  const signature = signTwilioRequest("bench-ivr-auth-token-0123456789", url, params);
  await item("twilio.validateRequest (26 form fields)", () =>
    cpuPerOp(5000, () => twilio.validateRequest("bench-ivr-auth-token-0123456789", signature, url, params)),
  );
  await item("request key: sorted form fields + sha256", () =>
    cpuPerOp(10000, () =>
      createHash("sha256")
        .update(
          Object.keys(params)
            .sort()
            .map((k) => `${k}=${params[k]}`)
            .join("&"),
        )
        .digest("hex"),
    ),
  );

  await item("new Intl.DateTimeFormat(...).format() per call", () =>
    cpuPerOp(2000, () =>
      new Intl.DateTimeFormat("de-DE", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(
        new Date(Date.UTC(1938, 2, 3)),
      ),
    ),
  );
  const cached = new Intl.DateTimeFormat("de-DE", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  await item("a reused Intl.DateTimeFormat.format()", () =>
    cpuPerOp(20000, () => cached.format(new Date(Date.UTC(1938, 2, 3)))),
  );

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    await item(
      "pg pool.query: SELECT $1::int (one round trip)",
      () => cpuPerOp(3000, () => pool.query("SELECT $1::int AS x", [1])),
      "Node-side CPU only",
    );
    await item(
      "Prisma $queryRaw: the same query",
      () => cpuPerOp(3000, () => prisma.$queryRaw`SELECT ${1}::int AS x`),
      "Node-side CPU only",
    );
    await item(
      "Prisma $executeRaw: UPDATE … WHERE false",
      () =>
        cpuPerOp(3000, () => prisma.$executeRaw`UPDATE call_session SET version = version WHERE call_sid = ${"none"}`),
      "Node-side CPU only",
    );
  } finally {
    await prisma.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
  return out;
}
