import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../../src/config.ts";
import { loadConfig } from "../../src/config.ts";
import { createHotline, type Hotline } from "../../src/hotline-app.ts";
import { createLogger } from "../../src/logger.ts";
import { createHttpServer } from "../../src/transport/http/http-server.ts";
import type { ConsoleServer } from "../../src/transport/socket/live-notifier.ts";
import type { Services } from "../../src/services.ts";

export interface TestServer {
  url: string;
  server: Server;
  hotline: Hotline;
  config: Config;
  /** The console's socket.io server. */
  io: ConsoleServer;
  close(): Promise<void>;
}

export const TEST_AUTH_TOKEN = "test-auth-token-0123456789";

export async function startTestServer(services: Services, env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: "silent", TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, ...env });
  const hotline = await createHotline(services, config, createLogger("silent"));
  const server = createHttpServer(hotline.handle, config.REQUEST_TIMEOUT_SECONDS);
  const sockets = await hotline.attachSockets(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  hotline.setPublicBaseUrl(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    hotline,
    config,
    io: sockets.io,
    close: async () => {
      await sockets.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
