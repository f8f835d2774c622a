// The layer rule, exercised through ESLint itself with the project's own config: each forbidden
// direction is reported, each allowed one is not. Files are linted as text under paths that need
// not exist, so the fixtures live here and nowhere in the product tree.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, importPath: string): Promise<string[]> {
  const code = `import { thing } from "${importPath}";\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "local/layers").map((m) => m.message);
}

describe("layers", () => {
  it.each([
    ["ivr/src/domain/ledger/x.ts", "../../adapters/prisma/prisma-ledger-store.ts"],
    ["ivr/src/domain/ledger/x.ts", "../../call-flow/types.ts"],
    ["ivr/src/domain/x.ts", "../transport/http/app.ts"],
    ["ivr/src/domain/queue/x.ts", "../../worker/callback-dialer.ts"],
    ["ivr/src/call-flow/steps/x.ts", "../../adapters/db/open-database.ts"],
    ["ivr/src/call-flow/x.ts", "../transport/voice/voice-routes.ts"],
    ["ivr/src/contracts/x.ts", "../domain/errors.ts"],
  ])("when %s imports %s, then the lint reports the layer", async (file, spec) => {
    expect(await layerErrors(file, spec)).toEqual([expect.stringMatching(/may not import from/)]);
  });

  it("when the console reaches into the server past @contracts, then the lint reports it", async () => {
    const errors = await layerErrors("agent-console/src/features/x.ts", "../../../ivr/src/domain/errors.ts");
    expect(errors).toEqual([expect.stringMatching(/only through @contracts/)]);
  });

  it.each([
    ["ivr/src/domain/ledger/x.ts", "../time/berlin.ts"],
    ["ivr/src/domain/ledger/x.ts", "../../contracts/console-api.ts"],
    ["ivr/src/call-flow/steps/x.ts", "../../domain/ledger/ledger.ts"],
    ["ivr/src/adapters/db/x.ts", "../../call-flow/session-store.ts"],
    ["ivr/src/transport/http/x.ts", "../../adapters/db/open-database.ts"],
    ["agent-console/src/features/x.ts", "@contracts/console-api.ts"],
    ["agent-console/src/features/x.ts", "../app/api-client.ts"],
  ])("when %s imports %s, then the lint allows it", async (file, spec) => {
    expect(await layerErrors(file, spec)).toEqual([]);
  });
});
