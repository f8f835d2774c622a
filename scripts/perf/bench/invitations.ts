// Invitation run benchmark: `npm run bench:invitations [-- --quick] [--entries 1000000 --pairs 100000]
// [--letters]`. On a throw-away database, --entries waiting entries in KV Westfalen-Lippe (a quarter
// without a phone: letters) and a release whose 70 % share is --pairs; the run (publish, execute)
// timed, RSS sampled. Exit 1 on a double or a failed verification; the other targets are printed.
// --letters then times the letter fallback at that scale (gather, batch, the one PDF).
import type pg from "pg";
import { SqlLetterStore } from "../../../ivr/src/adapters/db/sql-letter-store.ts";
import { SqlWaitlistStore } from "../../../ivr/src/adapters/db/sql-waitlist-store.ts";
import { renderLetters } from "../../../ivr/src/adapters/letters/pdf-letters.ts";
import { LetterRun } from "../../../ivr/src/domain/letters/letter-run.ts";
import { addDays, berlinDate } from "../../../ivr/src/domain/time/berlin.ts";
import { InvitationRuns, DEFAULT_RUN_SETTINGS } from "../../../ivr/src/domain/waitlist/invitation-runs.ts";
import { spearman } from "../../../ivr/src/domain/waitlist/lottery.ts";
import { priorityGroup } from "../../../ivr/src/domain/waitlist/priority.ts";
import { generateRegistrationNumber } from "../../../ivr/src/domain/waitlist/registration-number.ts";
import type { Services } from "../../../ivr/src/services.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { round, samplePeakRss } from "../harness/stats.ts";

const o = readOptions({
  entries: { default: 1_000_000, quick: 20_000, min: 1, max: 5_000_000, integer: true },
  pairs: { default: 100_000, quick: 2_000, min: 1, max: 1_000_000, integer: true },
  letters: "flag",
});
const REGION = "westfalen-lippe";
const NOW = new Date("2021-01-25T07:00:00Z"); // Monday 08:00 in Berlin, the KVWL launch
const clock = { now: () => NOW };

runCommand("bench:invitations", async () => {
  const { db } = await benchDatabase("bench_invitations");
  const { services } = await benchServices(db.url, { SEED_WEEKS: "0", DB_POOL_SIZE: "4" }, clock);
  onCleanup(() => services.close());
  const admin = await connect(db.url);
  await loadWaitingList(admin, o.entries);

  // A release over three weeks from tomorrow, so that the run's share is --pairs.
  const weekPairs = Math.ceil((o.pairs * 100) / DEFAULT_RUN_SETTINGS.sharePercent / 3);
  for (let w = 0; w < 3; w++) {
    const weekStart = addDays(addDays(berlinDate(NOW), 1), 7 * w);
    const release = { regionId: REGION, vaccineId: "biontech", weekStart, doses: weekPairs * 2, releasedBy: "bench" };
    await services.ledger.releaseSupply(release, { deferStatistics: true });
  }
  await admin.query("VACUUM (ANALYZE)");

  const store = new SqlWaitlistStore(services.db);
  const runs = new InvitationRuns(store, services.ledger, services.geography, clock, DEFAULT_RUN_SETTINGS);
  const rss = samplePeakRss();
  const started = performance.now();
  const published = await runs.publish(REGION, {}, "bench");
  const result = await runs.execute(published.id, "bench");
  const seconds = (performance.now() - started) / 1000;
  const rssMb = Math.round(rss.stop());
  const assigned = result.invited + result.booked;

  // Checks: places beyond a slot's capacity (or a ledger out of step), people invited twice.
  const count = async (sql: string) => (await admin.query<{ n: number }>(sql, [published.id])).rows[0]!.n;
  const over = await count(
    `SELECT coalesce(sum(greatest(0, x.n - s.capacity)), 0)::int AS n
       FROM (SELECT first_slot_id AS slot_id, count(*) AS n FROM waitlist_invitation WHERE run_id = $1 GROUP BY 1) x
       JOIN slot s ON s.id = x.slot_id`,
  );
  const doubleAssigned = over + (await checkLedger(admin)).overbooked;
  const personInvitedTwice = await count(
    `SELECT ((SELECT count(*) FROM (SELECT entry_id FROM waitlist_invitation WHERE run_id = $1 GROUP BY 1 HAVING count(*) > 1) a)
           + (SELECT count(*) FROM (SELECT entry_id FROM waitlist_invitation WHERE status = 'invited' GROUP BY 1 HAVING count(*) > 1) b))::int AS n`,
  );
  const verified = await runs.verify(published.id);
  const rankVsRegistrationRho = await worstRho(admin, published.id, assigned);

  const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
  log(`verified from the published values: ${verified.ok ? "yes" : `NO (${verified.reason})`}`);
  const inTime = assigned >= o.pairs * 0.99 && seconds < 60;
  log(`${pass(inTime)} ${assigned} assigned in ${seconds.toFixed(1)} s (target: ${o.pairs} in < 60 s)`);
  const noDoubles = doubleAssigned === 0 && personInvitedTwice === 0;
  log(`${pass(noDoubles)} doubles: ${doubleAssigned} pairs, ${personInvitedTwice} people`);
  log(`${pass(Math.abs(rankVsRegistrationRho) <= 0.05)} |rho| ${Math.abs(rankVsRegistrationRho)} (target <= 0.05)`);
  log(`${pass(rssMb < 500)} peak RSS ${rssMb} MB (target < 500 MB)`);
  const line = {
    registered: o.entries,
    assigned,
    seconds: round(seconds, 2),
    assignmentsPerSecond: Math.round(assigned / seconds),
    doubleAssigned,
    personInvitedTwice,
    rankVsRegistrationRho,
    rssMb,
    letters: o.letters ? await letterFallback(services) : undefined,
  };
  return { file: "invitations.json", line, exitCode: noDoubles && verified.ok ? 0 : 1 };
});

/** Entries in INSERTs of 20,000 rows (unnest over one array per column); registration order is id order. */
async function loadWaitingList(admin: pg.Client, entries: number) {
  const CHUNK = 20_000;
  const { rows: postcodes } = await admin.query<{ code: string; district_id: number }>(
    `SELECT p.code, p.district_id FROM postcode p JOIN district d ON d.id = p.district_id WHERE d.region_id = $1`,
    [REGION],
  );
  const numbers = new Set<string>();
  const random = (n: number) => Math.floor(Math.random() * n);
  const pad = (n: number) => String(n).padStart(2, "0");
  for (let start = 0; start < entries; start += CHUNK) {
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    for (let n = start; n < Math.min(start + CHUNK, entries); n++) {
      let number = generateRegistrationNumber();
      while (numbers.has(number)) number = generateRegistrationNumber();
      numbers.add(number);
      const place = postcodes[random(postcodes.length)]!;
      const birth = `${1921 + random(20)}-${pad(1 + random(12))}-${pad(1 + random(28))}`;
      const r = Math.random();
      const row = [
        number,
        `bench person${n}`,
        `Bench Person${n}`,
        birth,
        place.code,
        place.district_id,
        n % 4 === 3 ? null : `+49151${String(n).padStart(8, "0")}`,
        r < 0.2 ? "morning" : r < 0.4 ? "afternoon" : "any",
        priorityGroup({ birthDate: birth, codeHolder: false }, NOW),
        new Date(NOW.getTime() - (entries - n) * 1000).toISOString(),
      ];
      row.forEach((value, c) => cols[c]!.push(value));
    }
    await admin.query(
      `INSERT INTO waitlist_entry (registration_number, name_key, name, birth_date, postcode, district_id, phone, time_of_day,
         priority_group, registered_at, source, registered_by, region_id, consent_calls, street, city)
       SELECT r.*, 'import', 'bench', $11, r.phone IS NOT NULL, 'Benchweg 1', 'Benchstadt'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::int[], $7::text[], $8::text[], $9::smallint[],
                     $10::timestamptz[]) AS r(n, k, nm, b, pc, d, phone, tod, g, at)`,
      [...cols, REGION],
    );
  }
}

/** Spearman's rho of registration order vs invitation position, the largest |rho| of groups big enough to say. */
async function worstRho(admin: pg.Client, runId: number, assigned: number): Promise<number> {
  const { rows } = await admin.query<{ id: number; position: number; g: number }>(
    `SELECT e.id, i.position, e.priority_group AS g FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
      WHERE i.run_id = $1`,
    [runId],
  );
  let worst = 0;
  for (const g of new Set(rows.map((r) => r.g))) {
    const group = rows.filter((r) => r.g === g);
    if (group.length < Math.min(1000, assigned / 4)) continue;
    const [order, positions] = [group.map((r) => r.id), group.map((r) => r.position)];
    const rho = round(spearman(order, positions), 4);
    if (Math.abs(rho) > Math.abs(worst)) worst = rho;
  }
  return worst;
}

/**
 * The day's letters of the region after the run, as the supervisor prints them. pdfkit lays pages
 * out synchronously, so a sampler would miss the peak: the process's lifetime maxRSS is given.
 */
async function letterFallback(services: Services) {
  const office = { name: "Impf-Hotline", phone: "116 117", opens: "08:00", closes: "22:00" };
  const letterRun = new LetterRun(new SqlLetterStore(services.db), services.geography, clock, () => office);
  const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  const timed = async <T>(work: () => Promise<T>) => {
    const t = performance.now();
    return [await work(), round((performance.now() - t) / 1000, 2)] as const;
  };
  const rssBeforeMb = rssMb();
  const [gathered, gatherSeconds] = await timed(() => letterRun.gather("bench"));
  const [batch, batchSeconds] = await timed(() => letterRun.letters(gathered.day, "bench", REGION));
  const [pdf, pdfSeconds] = await timed(() => renderLetters(batch));
  return {
    letters: batch.length,
    gatherSeconds,
    batchSeconds,
    pdfSeconds,
    pdfMb: round(pdf.length / 2 ** 20, 1),
    rssBeforeMb,
    rssAfterMb: rssMb(),
    maxRssLifetimeMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
