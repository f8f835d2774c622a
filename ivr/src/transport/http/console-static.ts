// Serves the built agent console at / (a single-page app: unknown paths get index.html).
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import { PROJECT_ROOT } from "../../paths.ts";

export const CONSOLE_DIST = join(PROJECT_ROOT, "agent-console", "dist");

export function consoleStatic(dist = CONSOLE_DIST): Router {
  const router = Router();
  const index = join(dist, "index.html");
  router.use(express.static(dist, { index: false, maxAge: "1h" }));
  router.get(/^\/(?!api\/|voice\/|socket\.io\/|healthz|metrics).*/, (_req, res) => {
    if (existsSync(index)) return res.set("Cache-Control", "no-cache").sendFile(index);
    res
      .status(503)
      .type("text/html")
      .send(
        '<!doctype html><html lang="de"><meta charset="utf-8"><title>Agentenkonsole</title><p>Die Agentenkonsole ist noch nicht gebaut. Bitte <code>npm run build:console</code> ausführen.</p></html>',
      );
  });
  return router;
}
