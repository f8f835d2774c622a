// One KV region's day after the booking: `npm run simulate:day [-- --quick] [--centres 8
// --pairs 200 --waiting 400 --answered 0.7 --cancel 0.05 --noShow 0.08 --accept 0.5 --seed 1]`.
// Not a test: it prints numbers, and exits 1 when a target is missed.
//
// On a throw-away PostgreSQL database (harness/database.ts, dropped on exit), with the hotline's
// services and its HTTP app in this process, the call emulator playing Twilio's part of every
// call (signed webhooks, the TwiML answered), and a clock the script moves (calling hours
// 09:00-19:00 are the product's own: the scheduler does not dial outside them):
// 1. Monday 25 January 2021, 08:00: --centres centres of KV Westfalen-Lippe, each with --pairs
//    pairs on Tuesday booked (a quarter mobiles: reminded by SMS), --pairs on Wednesday 17
//    February booked (the week a supply drop hits) and room a week later; --waiting people per
//    district on the waiting list, 80 % opted in for short notice.
// 2. Monday 09:00-19:00: the reminder job (hourly) and the scheduler's calls, answered by
//    --answered of the called; of those --cancel press 2 (the pair is freed and offered to the
//    standby list at once), the rest 1, after typing the right birth date. Unanswered calls are
//    retried as the product does.
// 3. Tuesday: the centre's check-in, --noShow of the first doses missed; at 14:00 each centre
//    enters its left-over doses (no-shows and pairs still free), usable until 18:00; the standby
//    calls are accepted by --accept of those who answer.
// 4. Tuesday 15:00: a supply drop of 30 % of the week of 15 February, moved +7 days; the moved
//    are called (press 1); the calls run until Wednesday 19:00.
// The last line's numbers are read from the database.
import { SqlCentreDayStore } from "../../../ivr/src/adapters/db/sql-centre-day-store.ts";
import { SqlSupplyDropStore } from "../../../ivr/src/adapters/db/sql-supply-drop-store.ts";
import type { Clock } from "../../../ivr/src/domain/ledger/ledger.ts";
import { CentreDay } from "../../../ivr/src/domain/centre-day/centre-day.ts";
import { SupplyDrops } from "../../../ivr/src/domain/supply/supply-drops.ts";
import { log, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { checkLedger } from "../harness/ledger-checks.ts";
import { readOptions } from "../harness/options.ts";
import { machine } from "../harness/results.ts";
import { round } from "../harness/stats.ts";
import { Dialler, hotlineOverHttp } from "./day-calls.ts";
import { bookDay, regionCentres, releasePairs, seededRandom, waitingList } from "./day-seed.ts";

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
const SHIFT_DAYS = 7;
/** Lines the scheduler dials in a five-minute step. */
const LINES = 60;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+01:00`);

class SimClock implements Clock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set(d: Date) {
    this.t = d.getTime();
  }
}

runCommand(
  "simulate:day",
  async () => {
    const started = Date.now();
    const random = seededRandom(o.seed);
    const clock = new SimClock(at("2021-01-25", "08:00").getTime());
    const { db, postgres } = await benchDatabase("sim_day");
    const { services: s } = await benchServices(db.url, { SEED_WEEKS: "0", DB_POOL_SIZE: "4" }, clock);
    onCleanup(() => s.close());
    const admin = await connect(db.url);
    const { after, sms, baseUrl, close } = await hotlineOverHttp(s);
    onCleanup(close);
    const dialler = new Dialler(s, baseUrl, random, { answered: o.answered, cancel: o.cancel, accept: o.accept });
    const centreDay = new CentreDay(new SqlCentreDayStore(s.db), s.geography);

    // 1. The region's centres, their bookings and waiting lists.
    const centres = await regionCentres(s, REGION, o.centres);
    let waiting = 0;
    let shortNotice = 0;
    for (const c of centres) {
      await releasePairs(s, c.centre, REMINDED_DAY, "2021-01-25", o.pairs);
      await releasePairs(s, c.centre, DROP_DAY, DROP_WEEK, o.pairs);
      await releasePairs(s, c.centre, "2021-02-24", "2021-02-22", o.pairs);
      await bookDay(s, c, REMINDED_DAY, random);
      await bookDay(s, c, DROP_DAY, random);
      const w = await waitingList(s, c, o.waiting, 0.8, random);
      waiting += w.entries;
      shortNotice += w.shortNotice;
    }
    log(
      `seeded ${centres.length} centres (${centres.map((c) => c.district.name).join(", ")}): ` +
        `${o.pairs} booked pairs each on ${REMINDED_DAY} and ${DROP_DAY}; ${waiting} waiting, ${shortNotice} for short notice`,
    );

    /** Moves the clock in five-minute steps to `until`, running the jobs and dialling as the worker would. */
    const runCalls = async (until: Date, label: string) => {
      let placed = 0;
      while (clock.now() < until) {
        const now = clock.now();
        if (now.getUTCMinutes() === 0) {
          const r = await after.reminders.run();
          if (r.calls + r.sms > 0)
            log(`${label} ${hhmm(now)}: reminder job queued ${r.calls} calls, sent ${r.sms} SMS`);
        }
        await after.moveNotices.run();
        await after.rebookCalls.run();
        await after.standby.tick();
        placed += await dialler.round(LINES);
        if (now.getUTCMinutes() === 0 && placed > 0) {
          log(`${label} ${hhmm(now)}: ${placed} calls placed so far; ${JSON.stringify(dialler.outcomes)}`);
        }
        clock.set(new Date(now.getTime() + 5 * 60_000));
      }
    };

    // 2. Monday: reminders and their calls through the calling hours.
    clock.set(at("2021-01-25", "09:00"));
    await runCalls(at("2021-01-25", "19:00"), "Mon");

    // 3. Tuesday: the check-in, then the left-over doses on the standby list.
    clock.set(at(REMINDED_DAY, "08:00"));
    for (const c of centres) {
      const list = await centreDay.list(c.centre.id, REMINDED_DAY);
      for (const e of list.entries.filter((x) => x.dose === 1)) {
        const missed = random() < o.noShow;
        await centreDay.mark(c.centre.id, e.bookingId, 1, missed ? "no-show" : "attended", "simulate:day", clock.now());
      }
    }
    await runCalls(at(REMINDED_DAY, "14:00"), "Tue");
    for (const c of centres) {
      const [left] = await admin
        .query<{ n: number }>(
          `SELECT (SELECT coalesce(sum(capacity - booked - held), 0) FROM slot
                    WHERE centre_id = $1 AND dose = 1 AND starts_at >= $2 AND starts_at < $3)
                + (SELECT count(*) FROM attendance a JOIN booking b ON b.id = a.booking_id JOIN slot f ON f.id = b.first_slot_id
                    WHERE a.dose = 1 AND a.status = 'no-show' AND f.centre_id = $1 AND f.starts_at >= $2 AND f.starts_at < $3)::int AS n`,
          [c.centre.id, at(REMINDED_DAY, "00:00"), at("2021-01-27", "00:00")],
        )
        .then((r) => r.rows);
      const doses = Number(left!.n);
      if (doses > 0) await after.standby.offerLeftovers(c.centre.id, doses, "18:00", "simulate:day");
      log(`Tue 14:00: ${c.district.name} has ${doses} doses left, offered to the standby list until 18:00`);
    }
    await runCalls(at(REMINDED_DAY, "15:00"), "Tue");

    // 4. The supply drop for a later week, then the calls to the moved until Wednesday evening.
    const drops = new SupplyDrops(new SqlSupplyDropStore(s.db), s.geography, clock);
    const [week] = (
      await admin.query<{ n: number }>(
        `SELECT coalesce(sum(capacity), 0)::int AS n FROM slot WHERE dose = 1 AND starts_at >= $1 AND starts_at < $2`,
        [at(DROP_WEEK, "00:00"), at("2021-02-22", "00:00")],
      )
    ).rows;
    const dosesLost = Math.max(2, Math.round(Number(week!.n) * 2 * 0.3));
    const preview = await drops.preview(
      { regionId: REGION, vaccineId: "biontech", weekStart: DROP_WEEK, dosesLost, shiftDays: SHIFT_DAYS },
      "simulate:day",
    );
    const drop = await drops.execute(preview.dropId, "simulate:day");
    log(`Tue 15:00: supply drop of ${dosesLost} doses in the week of ${DROP_WEEK}: ${JSON.stringify(drop)}`);
    await runCalls(at(REMINDED_DAY, "19:00"), "Tue");
    clock.set(at("2021-01-27", "09:00"));
    await runCalls(at("2021-01-27", "19:00"), "Wed");

    // The numbers, from the database.
    const q = async (sql: string, params: unknown[] = []) =>
      Number(Object.values((await admin.query(sql, params)).rows[0] ?? { n: 0 })[0] ?? 0);
    const standbyOffered = await q(`SELECT coalesce(sum(doses), 0)::int FROM standby_offer`);
    // A call is one person called about an offer (the scheduler's task, dialled at least once);
    // its retries when nobody answered are dials of that call, reported beside it.
    const standbyCalls = await q(`SELECT count(*)::int FROM outbound_call WHERE kind = 'standby' AND attempts > 0`);
    const standbyDials = await q(`SELECT coalesce(sum(attempts), 0)::int FROM outbound_call WHERE kind = 'standby'`);
    const line = {
      reminders: await q(`SELECT count(*)::int FROM reminder`),
      confirmed: await q(`SELECT count(*)::int FROM reminder WHERE status = 'confirmed'`),
      cancelled: await q(`SELECT count(*)::int FROM reminder WHERE status = 'cancelled'`),
      freedPairsRebooked: await q(
        `SELECT coalesce(sum(used), 0)::int FROM standby_offer WHERE first_slot_id IS NOT NULL`,
      ),
      noShows: await q(`SELECT count(*)::int FROM attendance WHERE status = 'no-show'`),
      leftoverDoses: await q(`SELECT coalesce(sum(doses), 0)::int FROM standby_offer WHERE first_slot_id IS NULL`),
      leftoverUsed: await q(`SELECT coalesce(sum(used), 0)::int FROM standby_offer WHERE first_slot_id IS NULL`),
      wastedDoses: await q(`SELECT coalesce(sum(doses_wasted), 0)::int FROM centre_day_report`),
      callsPerDoseOffered: standbyOffered === 0 ? 0 : round(standbyCalls / standbyOffered, 2),
      moved: await q(`SELECT count(*)::int FROM supply_move_notice`),
      // A given first dose whose second is gone: booking cancelled, second slot cut to nothing,
      // or moved out of the vaccine's interval (the interval up to the largest allowed shift, 21 days).
      secondDoseOrphans: await q(
        `SELECT count(*)::int FROM booking b
           JOIN attendance a ON a.booking_id = b.id AND a.dose = 1 AND a.status = 'attended'
           JOIN slot f ON f.id = b.first_slot_id JOIN vaccine v ON v.id = f.vaccine_id
           LEFT JOIN slot p ON p.id = b.second_slot_id
          WHERE b.status <> 'active' OR p.id IS NULL OR p.capacity < 1 OR p.booked > p.capacity
             OR p.starts_at < f.starts_at + make_interval(days => v.second_dose_after_days)
             OR p.starts_at > f.starts_at + make_interval(days => v.second_dose_after_days + 21)`,
      ),
    };
    const ledger = await checkLedger(admin);
    const withinReach = shortNotice > 0;
    const targets = {
      wastedDoses: !withinReach || line.wastedDoses === 0,
      callsPerDoseOffered: line.callsPerDoseOffered < 3,
      secondDoseOrphans: line.secondDoseOrphans === 0,
      ledger: ledger.overbooked === 0,
    };
    log(
      `targets: wastedDoses 0 ${ok(targets.wastedDoses)}, callsPerDoseOffered < 3 ${ok(targets.callsPerDoseOffered)}, ` +
        `secondDoseOrphans 0 ${ok(targets.secondDoseOrphans)}, ledger overbooked 0 ${ok(targets.ledger)}`,
    );
    log(`standby: ${standbyOffered} doses offered, ${standbyCalls} people called, ${standbyDials} dials`);
    log(
      `calls placed ${JSON.stringify(dialler.placed)}, SMS ${sms.outbox.length}; ${round((Date.now() - started) / 1000, 1)} s`,
    );
    return {
      file: `simulate-day${o.quick ? "-quick" : ""}.json`,
      line,
      detail: {
        options: o,
        postgres,
        machine: machine(),
        seconds: round((Date.now() - started) / 1000, 1),
        callsPlaced: dialler.placed,
        standbyCalls,
        standbyDials,
        dialsPerDoseOffered: standbyOffered === 0 ? 0 : round(standbyDials / standbyOffered, 2),
        callOutcomes: dialler.outcomes,
        sms: sms.outbox.length,
        waiting,
        shortNotice,
        drop,
        ledger,
        targets,
      },
      exitCode: Object.values(targets).every(Boolean) ? 0 : 1,
    };
  },
  { hardLimitSeconds: 1_800 },
);

function hhmm(d: Date): string {
  return d.toLocaleTimeString("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });
}
function ok(pass: boolean): string {
  return pass ? "ok" : "MISSED";
}
