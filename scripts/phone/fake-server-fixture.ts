// Shared vitest wiring for the emulator tests: a fresh fake TwiML server per
// test, and an emulator factory pointed at it.
import { afterEach, beforeEach } from "vitest";
import { CallEmulator, type CallEmulatorOptions } from "./call-emulator.ts";
import { startFakeTwimlServer, type FakeTwimlServer } from "./fake-twiml-server.ts";

export const TEST_TOKEN = "test-auth-token-123";

export interface FakeServerFixture {
  /** The server of the running test. */
  readonly server: FakeTwimlServer;
  /** Restarts the server, e.g. with a public base URL. */
  restart(publicBaseUrl?: string): Promise<void>;
  emulator(options?: Partial<CallEmulatorOptions>): CallEmulator;
  /** Paths the server received, in order. */
  paths(): string[];
}

export function useFakeTwimlServer(): FakeServerFixture {
  let current: FakeTwimlServer | undefined;
  const fixture: FakeServerFixture = {
    get server() {
      if (current === undefined) throw new Error("fake server used outside a test");
      return current;
    },
    async restart(publicBaseUrl) {
      await current?.close();
      current = await startFakeTwimlServer({ authToken: TEST_TOKEN, publicBaseUrl });
    },
    emulator: (options = {}) =>
      new CallEmulator({ baseUrl: fixture.server.baseUrl, authToken: TEST_TOKEN, ...options }),
    paths: () => fixture.server.received.map((r) => r.path),
  };
  beforeEach(() => fixture.restart());
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return fixture;
}
