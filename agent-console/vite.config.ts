// The agent console: served by Vite in development (API and socket.io proxied to the
// hotline on :3000) and built into agent-console/dist, which the server serves at /.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const backend = "http://localhost:3000";

export default defineConfig({
  root: here("."),
  plugins: [react()],
  resolve: {
    alias: { "@contracts": here("../ivr/src/contracts") },
  },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/socket.io": { target: backend, ws: true },
    },
  },
});
