import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createI18n } from "../../src/i18n.ts";
import { createLogger } from "../../src/logger.ts";
import type { Services } from "../../src/services.ts";
import { createApp } from "../../src/transport/http/app.ts";

export interface TestServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startTestServer(services: Services): Promise<TestServer> {
  const app = createApp({ db: services.db, ledger: services.ledger, i18n: await createI18n(), logger: createLogger("silent") });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
