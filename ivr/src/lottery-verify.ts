// Recomputes an invitation run from its published values and says whether it matches:
//   npm run lottery:verify -- <run id>            the run in this hotline's database (DATABASE_URL or ./data)
//   npm run lottery:verify -- --seed <hex> --seed-hash <hex> --list-hash <hex> --list <file> [--number <registration number>]
// The first form also checks that the run invited in exactly the recomputed order. The second
// needs nothing but the published values and the frozen list (numbers only, no personal data);
// with --number it prints that number's priority group, rank and place.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "./adapters/db/open-database.ts";
import { SqlWaitlistStore } from "./adapters/db/sql-waitlist-store.ts";
import { loadConfig } from "./config.ts";
import { lotteryRank, verifyRun, type PublishedRun } from "./domain/waitlist/lottery.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: "string" },
    "seed-hash": { type: "string" },
    "list-hash": { type: "string" },
    list: { type: "string" },
    number: { type: "string" },
  },
});

async function main(): Promise<number> {
  let published: PublishedRun;
  let recorded: Map<string, number> | undefined;
  if (positionals[0]) {
    const runId = Number(positionals[0]);
    const config = loadConfig(process.env);
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
    try {
      const store = new SqlWaitlistStore(db);
      const run = await store.run(runId);
      const frozenList = await store.frozenList(runId);
      if (!run || frozenList === null) throw new Error(`no invitation run ${runId}`);
      if (run.status !== "finished") throw new Error(`run ${runId} has not finished: its seed is not published yet`);
      published = { seed: run.seed, seedHash: run.seedHash, listHash: run.listHash, frozenList };
      recorded = await store.runPositions(runId);
      console.log(`run ${runId}, ${run.regionId}: ${run.entries} entries, ${recorded.size} invited`);
    } finally {
      await db.close();
    }
  } else {
    if (!values.seed || !values["seed-hash"] || !values["list-hash"] || !values.list) {
      console.error(
        "usage: lottery:verify -- <run id> | --seed S --seed-hash H --list-hash L --list FILE [--number N]",
      );
      return 2;
    }
    published = {
      seed: values.seed,
      seedHash: values["seed-hash"],
      listHash: values["list-hash"],
      frozenList: readFileSync(values.list, "utf8"),
    };
  }
  console.log(`seed hash ${published.seedHash}\nlist hash ${published.listHash}\nseed      ${published.seed}`);
  const result = verifyRun(published, recorded);
  if (!result.ok) {
    console.log(`DOES NOT MATCH: ${result.reason}${result.detail ? ` (${result.detail})` : ""}`);
    return 1;
  }
  console.log(
    `MATCHES: ${result.order.length} entries recomputed${recorded ? `, the ${recorded.size} invitations in this order` : ""}`,
  );
  if (values.number) {
    const me = result.order.find((m) => m.registrationNumber === values.number);
    console.log(
      me
        ? `${me.registrationNumber}: group ${me.group}, rank ${lotteryRank(published.seed, me.registrationNumber)}, place ${me.position + 1} of ${result.order.length}`
        : `${values.number} is not in the frozen list`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
