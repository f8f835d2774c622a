// Invitation run benchmark: `npm run bench:invitations [-- --quick] [--entries 1000000 --pairs 100000
// --share 70]`. Not a test: it prints numbers.
//
// A throw-away PostgreSQL database (harness/database.ts) that openServices() migrates, with
// reference data and no supply. Then:
// 1. --entries waiting entries in KV Westfalen-Lippe (NRW's over-80s: about a million), loaded
//    as multi-row INSERTs of 20,000 (unnest over arrays): random postcodes of the region, ages
//    80-100, a quarter without a phone (letter: booked at once, a week ahead), a fifth each
//    preferring mornings or afternoons, registration numbers from the domain's generator.
//    Registration order is the id order.
// 2. A release of --pairs / share pairs over three weeks from tomorrow (ledger.releaseSupply),
//    so that the run's share (--share, default the supervisor's 70 %) is --pairs.
// 3. VACUUM (ANALYZE), then the run, timed: InvitationRuns.publish (frozen list, hashes) and
//    execute (lottery order, planning, batches of waitlist_assign). RSS of this process, which
//    runs the run as the hotline would, is sampled throughout (peak reported).
// 4. Checks: doubleAssigned (places given beyond a slot's capacity, or slots whose held and
//    booked counts disagree with holds and bookings), personInvitedTwice (an entry with two
//    invitations in the run, or two open ones), the run verified from its published values,
//    and Spearman's rho between registration order and invitation position within each
//    priority group (the largest |rho| of groups with >= 1,000 invited is reported).
// --quick: 20,000 entries, 2,000 pairs. Targets (printed): 100,000 assigned in < 60 s, 0 doubles,
// |rho| <= 0.05, RSS < 500 MB. Exit code 1 on a double or a failed verification.
// 5. --letters: then the letter fallback at that scale, as the supervisor's "print" does it: the
//    day's letters gathered (LetterRun.gather), the region's batch read and written as letters,
//    and the one print-ready PDF rendered (pdfkit); seconds of each, the PDF's size, RSS. The
//    people without a phone (a quarter) are the letters: `--entries 100000 --pairs 80000
//    --letters` makes about 20,000 in one region and day.
import { SqlLetterStore } from "../../../ivr/src/adapters/db/sql-letter-store.ts";
import { SqlWaitlistStore } from "../../../ivr/src/adapters/db/sql-waitlist-store.ts";
import { renderLetters } from "../../../ivr/src/adapters/letters/pdf-letters.ts";
import { LetterRun } from "../../../ivr/src/domain/letters/letter-run.ts";
import { addDays, berlinDate } from "../../../ivr/src/domain/time/berlin.ts";
import { InvitationRuns, DEFAULT_RUN_SETTINGS } from "../../../ivr/src/domain/waitlist/invitation-runs.ts";
import { spearman } from "../../../ivr/src/domain/waitlist/lottery.ts";
import { priorityGroup } from "../../../ivr/src/domain/waitlist/priority.ts";
import { generateRegistrationNumber } from "../../../ivr/src/domain/waitlist/registration-number.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { sampleRss } from "../harness/proc-stats.ts";
import { machine } from "../harness/results.ts";
import { round } from "../harness/stats.ts";

const o = readOptions({
  entries: { default: 1_000_000, quick: 20_000, min: 1, max: 5_000_000, integer: true },
  pairs: { default: 100_000, quick: 2_000, min: 1, max: 1_000_000, integer: true },
  share: { default: DEFAULT_RUN_SETTINGS.sharePercent, min: 1, max: 100, integer: true },
  letters: "flag",
});
const REGION = "westfalen-lippe";

/** The store, with the time spent in its calls that a run makes (where the seconds go). */
class TimedStore extends SqlWaitlistStore {
  readonly ms: Record<string, number> = {};
  private async timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await work();
    } finally {
      this.ms[name] = (this.ms[name] ?? 0) + performance.now() - t;
    }
  }
  override frozenListOf(...a: Parameters<SqlWaitlistStore["frozenListOf"]>) {
    return this.timed("frozenList", () => super.frozenListOf(...a));
  }
  override runEntries(...a: Parameters<SqlWaitlistStore["runEntries"]>) {
    return this.timed("runEntries", () => super.runEntries(...a));
  }
  override regionEntries(...a: Parameters<SqlWaitlistStore["regionEntries"]>) {
    return this.timed("regionEntries", () => super.regionEntries(...a));
  }
  override freePlaces(...a: Parameters<SqlWaitlistStore["freePlaces"]>) {
    return this.timed("freePlaces", () => super.freePlaces(...a));
  }
  override assign(...a: Parameters<SqlWaitlistStore["assign"]>) {
    return this.timed("assign", () => super.assign(...a));
  }
}
const CHUNK = 20_000;
const NOW = new Date("2021-01-25T07:00:00Z"); // Monday 08:00 in Berlin, the KVWL launch
const clock = { now: () => NOW };

runCommand("bench:invitations", async () => {
  const { db, postgres } = await benchDatabase("bench_invitations");
  const { services } = await benchServices(db.url, { SEED_WEEKS: "0", DB_POOL_SIZE: "4" }, clock);
  onCleanup(() => services.close());
  const admin = await connect(db.url);

  // 1. The waiting list.
  const t0 = Date.now();
  const postcodes = (
    await admin.query<{ code: string; district_id: number }>(
      `SELECT p.code, p.district_id FROM postcode p JOIN district d ON d.id = p.district_id WHERE d.region_id = $1`,
      [REGION],
    )
  ).rows;
  const numbers = new Set<string>();
  for (let start = 0; start < o.entries; start += CHUNK) {
    const size = Math.min(CHUNK, o.entries - start);
    // One array per column (unnest below): registration number, name key, name, birth date,
    // postcode, district, phone, time of day, priority group, registration time.
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    for (let i = 0; i < size; i++) {
      const n = start + i;
      let number = generateRegistrationNumber();
      while (numbers.has(number)) number = generateRegistrationNumber();
      numbers.add(number);
      const place = postcodes[Math.floor(Math.random() * postcodes.length)]!;
      const birth = `${1921 + Math.floor(Math.random() * 20)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, "0")}`;
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
        new Date(NOW.getTime() - (o.entries - n) * 1000).toISOString(),
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
    if ((start / CHUNK) % 10 === 9) log(`  ${start + size} entries loaded`);
  }
  numbers.clear();
  const loadSeconds = (Date.now() - t0) / 1000;
  log(`${o.entries} waiting entries loaded in ${loadSeconds.toFixed(1)} s`);

  // 2. The release: three weeks from tomorrow, sized so that the share is --pairs.
  const releasePairs = Math.ceil((o.pairs * 100) / o.share);
  const tomorrow = addDays(berlinDate(NOW), 1);
  let released = 0;
  for (let w = 0; w < 3; w++) {
    const pairs = Math.ceil(releasePairs / 3);
    const r = await services.ledger.releaseSupply(
      {
        regionId: REGION,
        vaccineId: "biontech",
        weekStart: addDays(tomorrow, 7 * w),
        doses: pairs * 2,
        releasedBy: "bench",
      },
      { deferStatistics: true },
    );
    released += r.pairs;
    if (r.plan.unscheduled > 0) log(`  week ${w + 1}: ${r.plan.unscheduled} pairs did not fit the centres' lanes`);
  }
  log(`released ${released} pairs in ${REGION} over three weeks; share ${o.share} %`);
  await admin.query("VACUUM (ANALYZE)");

  // 3. The run.
  const store = new TimedStore(services.db);
  const runs = new InvitationRuns(store, services.ledger, services.geography, clock, {
    ...DEFAULT_RUN_SETTINGS,
    sharePercent: o.share,
  });
  const rss = sampleRss(process.pid, 100);
  const started = performance.now();
  const published = await runs.publish(REGION, {}, "bench");
  const publishSeconds = (performance.now() - started) / 1000;
  const result = await runs.execute(published.id, "bench");
  const seconds = (performance.now() - started) / 1000;
  const memory = rss.stop();
  const assigned = result.invited + result.booked;
  log(
    `run ${published.id}: ${assigned} assigned (${result.invited} held for acceptance, ${result.booked} booked for letters), ` +
      `${result.unplaced} unplaced, in ${seconds.toFixed(1)} s (publish ${publishSeconds.toFixed(1)} s); peak RSS ${memory.peakMb.toFixed(0)} MB`,
  );

  const inStore = Object.fromEntries(Object.entries(store.ms).map(([k, v]) => [k, round(v / 1000, 2)]));
  log(`seconds in the store's calls: ${JSON.stringify(inStore)}; the rest is this process (lottery, planning)`);

  // 4. Checks.
  const ledger = await checkLedger(admin);
  const over = (
    await admin.query<{ n: number }>(
      `SELECT coalesce(sum(greatest(0, x.n - s.capacity)), 0)::int AS n
         FROM (SELECT first_slot_id AS slot_id, count(*) AS n FROM waitlist_invitation WHERE run_id = $1 GROUP BY 1) x
         JOIN slot s ON s.id = x.slot_id`,
      [published.id],
    )
  ).rows[0]!.n;
  const doubleAssigned = over + ledger.overbooked;
  const personInvitedTwice = (
    await admin.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM (SELECT entry_id FROM waitlist_invitation WHERE run_id = $1 GROUP BY 1 HAVING count(*) > 1) a)
             + (SELECT count(*) FROM (SELECT entry_id FROM waitlist_invitation WHERE status = 'invited' GROUP BY 1 HAVING count(*) > 1) b))::int AS n`,
      [published.id],
    )
  ).rows[0]!.n;
  const verified = await runs.verify(published.id);
  const invited = (
    await admin.query<{ id: number; position: number; g: number }>(
      `SELECT e.id, i.position, e.priority_group AS g FROM waitlist_invitation i JOIN waitlist_entry e ON e.id = i.entry_id
        WHERE i.run_id = $1`,
      [published.id],
    )
  ).rows;
  const rhoByGroup: Record<string, { invited: number; rho: number }> = {};
  for (const g of new Set(invited.map((r) => r.g))) {
    const rows = invited.filter((r) => r.g === g);
    rhoByGroup[g] = {
      invited: rows.length,
      rho: round(
        spearman(
          rows.map((r) => r.id),
          rows.map((r) => r.position),
        ),
        4,
      ),
    };
  }
  const counted = Object.values(rhoByGroup).filter((x) => x.invited >= Math.min(1000, assigned / 4));
  const rankVsRegistrationRho = counted.reduce((worst, x) => (Math.abs(x.rho) > Math.abs(worst) ? x.rho : worst), 0);
  const line = {
    registered: o.entries,
    assigned,
    seconds: round(seconds, 2),
    assignmentsPerSecond: Math.round(assigned / seconds),
    doubleAssigned,
    personInvitedTwice,
    rankVsRegistrationRho,
    rssMb: Math.round(memory.peakMb),
  };
  const letters = o.letters ? await letterFallback(services) : undefined;
  const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");
  log(`\nverified from the published values: ${verified.ok ? "yes" : `NO (${verified.reason})`}`);
  log(`rho by priority group: ${JSON.stringify(rhoByGroup)}`);
  log(
    `${pass(assigned >= o.pairs * 0.99 && seconds < 60)} ${assigned} assigned in ${seconds.toFixed(1)} s (target: ${o.pairs} in < 60 s)`,
  );
  log(
    `${pass(doubleAssigned === 0 && personInvitedTwice === 0)} doubles: ${doubleAssigned} pairs, ${personInvitedTwice} people`,
  );
  log(`${pass(Math.abs(rankVsRegistrationRho) <= 0.05)} |rho| ${Math.abs(rankVsRegistrationRho)} (target <= 0.05)`);
  log(`${pass(memory.peakMb < 500)} peak RSS ${memory.peakMb.toFixed(0)} MB (target < 500 MB)`);
  return {
    file: "invitations.json",
    line,
    detail: {
      postgres,
      machine: machine(),
      loadSeconds: round(loadSeconds, 1),
      releasedPairs: released,
      publishSeconds: round(publishSeconds, 2),
      invited: result.invited,
      booked: result.booked,
      unplaced: result.unplaced,
      rhoByGroup,
      verified: verified.ok,
      secondsInStore: inStore,
      ...(letters ? { letters } : {}),
    },
    exitCode: doubleAssigned === 0 && personInvitedTwice === 0 && verified.ok ? 0 : 1,
  };
});

/**
 * The day's letters of the region after the run, as the supervisor page prints them: gathered,
 * read as letters, rendered as one PDF. pdfkit lays pages out synchronously, so the RSS sampler
 * only sees the rendering's start and end; the process's lifetime peak (maxRSS) is given beside it.
 */
async function letterFallback(services: Awaited<ReturnType<typeof benchServices>>["services"]) {
  const run = new LetterRun(new SqlLetterStore(services.db), services.geography, clock, () => ({
    name: "Impf-Hotline",
    phone: "116 117",
    opens: "08:00",
    closes: "22:00",
  }));
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const rss = sampleRss(process.pid, 100);
  const t0 = performance.now();
  const gathered = await run.gather("bench");
  const t1 = performance.now();
  const batch = await run.letters(gathered.day, "bench", REGION);
  const t2 = performance.now();
  const pdf = await renderLetters(batch);
  const t3 = performance.now();
  const memory = rss.stop();
  const out = {
    letters: batch.length,
    gatherSeconds: round((t1 - t0) / 1000, 2),
    batchSeconds: round((t2 - t1) / 1000, 2),
    pdfSeconds: round((t3 - t2) / 1000, 2),
    lettersPerSecond: Math.round(batch.length / ((t3 - t0) / 1000)),
    pdfMb: round(pdf.length / 2 ** 20, 1),
    rssBeforeMb: Math.round(rssBefore),
    rssAfterMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    rssPeakSampledMb: Math.round(memory.peakMb),
    maxRssLifetimeMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  log(
    `letters: ${out.letters} in ${REGION} for ${gathered.day}: gather ${out.gatherSeconds} s, batch ${out.batchSeconds} s, ` +
      `PDF ${out.pdfSeconds} s (${out.pdfMb} MB); RSS ${out.rssBeforeMb} → ${out.rssAfterMb} MB, ` +
      `peak sampled ${out.rssPeakSampledMb} MB, process lifetime peak ${out.maxRssLifetimeMb} MB`,
  );
  return out;
}
