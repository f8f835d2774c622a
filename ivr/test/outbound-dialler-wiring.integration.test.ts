// The dialler as the server wires it (background-jobs.ts): with due callbacks ringing at the
// agents' desks (CALLBACK_OFFERS=on, the default), the scheduler must still place its other
// calls. A merge once made the desk's setting stop the whole loop, so no invitation, reminder
// or standby call would have been dialled; this test fails if that comes back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedTelephony } from "../src/adapters/telephony/emulated-telephony.ts";
import { createDialer } from "../src/background-jobs.ts";
import { createLogger } from "../src/logger.ts";
import { FakeClock } from "./support/clock.ts";
import { createTestServices, type TestServices } from "./support/test-services.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

describe.each([["on"], ["off"]])("the server's dialler with CALLBACK_OFFERS=%s", (offers) => {
  let s: TestServices;
  let server: TestServer;

  beforeAll(async () => {
    s = await createTestServices("pglite", new FakeClock("2021-01-25T10:00:00+01:00"));
    server = await startTestServer(s, { CALLBACK_OFFERS: offers });
  });
  afterAll(async () => {
    await server?.close();
    await s?.dispose();
  });

  it("when an invitation call is due in calling hours, then the lease holder places it", async () => {
    await s.outbound.enqueue([
      {
        kind: "invitation",
        subjectId: "1",
        phone: "+4952411234567",
        language: "de",
        notBefore: s.clock.now(),
        notAfter: null,
      },
    ]);
    const { dialer, leadership } = createDialer(s, server.hotline, createLogger("silent"), server.url, "w1");
    try {
      expect(await leadership.renew()).toBe(true);
      expect(await dialer.tick()).toMatch(/^invitation:\d+$/);
      const placed = (server.hotline.telephony as EmulatedTelephony).placed;
      expect(placed.map((c) => c.to)).toContain("+4952411234567");
    } finally {
      await leadership.stop();
    }
  });
});
