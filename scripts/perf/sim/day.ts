// One KV region's day after the booking: `npm run simulate:day [-- --quick] [--centres --pairs
// --waiting --answered --cancel --noShow --accept --seed]`; exits 1 when a target is missed.
// A throw-away database, the hotline's HTTP app in this process, the call emulator as Twilio, and
// a clock the script moves: Monday's reminder calls; Tuesday's check-in, left-over doses offered
// to the standby list at 14:00, a supply drop at 15:00 whose moved are called until Wednesday.
import { SqlCentreDayStore } from "../../../ivr/src/adapters/db/sql-centre-day-store.ts";
import { SqlSupplyDropStore } from "../../../ivr/src/adapters/db/sql-supply-drop-store.ts";
import { CentreDay } from "../../../ivr/src/domain/centre-day/centre-day.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";
import { SupplyDrops } from "../../../ivr/src/domain/supply/supply-drops.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { Dialler, hotlineOverHttp } from "./day-calls.ts";
import { bookDay, regionCentres, releasePairs, seededRandom, waitingList } from "./day-seed.ts";
import { dayFigures } from "./day-figures.ts";

const o = readOptions({
  centres: { default: 8, quick: 3, min: 1, max: 20, integer: true },
  pairs: { default: 200, quick: 40, min: 1, max: 2_000, integer: true },
  waiting: { default: 400, quick: 100, min: 0, max: 20_000, integer: true },
  answered: { default: 0.7, min: 0, max: 1 },
  cancel: { default: 0.05, min: 0, max: 1 },
  noShow: { default: 0.08, min: 0, max: 1 },
  accept: { default: 0.5, min: 0, max: 1 },
  seed: { default: 1, min: 0, max: 2 ** 31, integer: true },
});
const REGION = "westfalen-lippe";
const REMINDED_DAY = "2021-01-26";
const DROP_WEEK = "2021-02-15";
const DROP_DAY = "2021-02-17";
const LINES = 60; // calls dialled in a five-minute step
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+01:00`);

async function simulateDay() {
  const started = Date.now();
  const random = seededRandom(o.seed);
  let time = at("2021-01-25", "08:00");
  const clock: Clock = { now: () => new Date(time) };
  const { db } = await benchDatabase("sim_day");
  const { services: s } = await benchServices(db.url, { SEED_WEEKS: "0", DB_POOL_SIZE: "4" }, clock);
  onCleanup(() => s.close());
  const admin = await connect(db.url);
  const { after, baseUrl } = await hotlineOverHttp(s);
  const dialler = new Dialler(s, baseUrl, random, { answered: o.answered, cancel: o.cancel, accept: o.accept });
  const centreDay = new CentreDay(new SqlCentreDayStore(s.db), s.geography);

  const centres = await regionCentres(s, REGION, o.centres);
  let shortNotice = 0;
  for (const c of centres) {
    await releasePairs(s, c.centre, REMINDED_DAY, "2021-01-25", o.pairs);
    await releasePairs(s, c.centre, DROP_DAY, DROP_WEEK, o.pairs);
    await releasePairs(s, c.centre, "2021-02-24", "2021-02-22", o.pairs);
    await bookDay(s, c, REMINDED_DAY, random);
    await bookDay(s, c, DROP_DAY, random);
    shortNotice += await waitingList(s, c, o.waiting, 0.8, random);
  }
  log(`seeded ${centres.map((c) => c.district.name).join(", ")}; ${shortNotice} waiting for short notice`);

  let placed = 0;
  /** Moves the clock in five-minute steps to `until`, running the jobs and dialling as the worker would. */
  const runCalls = async (until: Date) => {
    while (time < until) {
      if (time.getUTCMinutes() === 0) await after.reminders.run();
      await after.moveNotices.run();
      await after.rebookCalls.run();
      await after.standby.tick();
      placed += await dialler.round(LINES);
      time = new Date(time.getTime() + 5 * 60_000);
    }
  };

  // Monday: reminders and their calls through the calling hours.
  time = at("2021-01-25", "09:00");
  await runCalls(at("2021-01-25", "19:00"));

  // Tuesday: the check-in, then the left-over doses (no-shows and free pairs) on the standby list.
  time = at(REMINDED_DAY, "08:00");
  for (const c of centres) {
    const list = await centreDay.list(c.centre.id, REMINDED_DAY);
    for (const e of list.entries.filter((x) => x.dose === 1)) {
      const status = random() < o.noShow ? "no-show" : "attended";
      await centreDay.mark(c.centre.id, e.bookingId, 1, status, "simulate:day", clock.now());
    }
  }
  await runCalls(at(REMINDED_DAY, "14:00"));
  for (const c of centres) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT (SELECT coalesce(sum(capacity - booked - held), 0) FROM slot
                  WHERE centre_id = $1 AND dose = 1 AND starts_at >= $2 AND starts_at < $3)
              + (SELECT count(*) FROM attendance a JOIN booking b ON b.id = a.booking_id JOIN slot f ON f.id = b.first_slot_id
                  WHERE a.dose = 1 AND a.status = 'no-show' AND f.centre_id = $1 AND f.starts_at >= $2 AND f.starts_at < $3)::int AS n`,
      [c.centre.id, at(REMINDED_DAY, "00:00"), at("2021-01-27", "00:00")],
    );
    const doses = Number(rows[0]!.n);
    if (doses > 0) await after.standby.offerLeftovers(c.centre.id, doses, "18:00", "simulate:day");
  }
  await runCalls(at(REMINDED_DAY, "15:00"));

  // The supply drop for a later week, then the calls to the moved until Wednesday evening.
  const drops = new SupplyDrops(new SqlSupplyDropStore(s.db), s.geography, clock);
  const { rows } = await admin.query<{ n: number }>(
    `SELECT coalesce(sum(capacity), 0)::int AS n FROM slot WHERE dose = 1 AND starts_at >= $1 AND starts_at < $2`,
    [at(DROP_WEEK, "00:00"), at("2021-02-22", "00:00")],
  );
  const dosesLost = Math.max(2, Math.round(Number(rows[0]!.n) * 2 * 0.3));
  const drop = { regionId: REGION, vaccineId: "biontech", weekStart: DROP_WEEK, dosesLost, shiftDays: 7 };
  await drops.execute((await drops.preview(drop, "simulate:day")).dropId, "simulate:day");
  await runCalls(at(REMINDED_DAY, "19:00"));
  time = at("2021-01-27", "09:00");
  await runCalls(at("2021-01-27", "19:00"));

  const line = await dayFigures(admin);
  const ledger = await checkLedger(admin);
  const targets = {
    // Waste counts only when people within reach were waiting.
    wastedDoses: shortNotice === 0 || line.wastedDoses === 0,
    callsPerDoseOffered: line.callsPerDoseOffered < 3,
    secondDoseOrphans: line.secondDoseOrphans === 0,
    ledgerNotOverbooked: ledger.overbooked === 0,
  };
  const missed = Object.keys(targets).filter((k) => !targets[k as keyof typeof targets]);
  log(`targets: ${missed.length === 0 ? "all met" : `MISSED ${missed.join(", ")}`}`);
  log(`${placed} calls placed; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    file: `simulate-day${o.quick ? "-quick" : ""}.json`,
    line,
    exitCode: missed.length === 0 ? 0 : 1,
  };
}

runCommand("simulate:day", simulateDay, { hardLimitSeconds: 1_800 });
