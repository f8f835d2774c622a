// Callback queue benchmark (`npm run bench:callbacks [-- --quick]`, flags below); not a test. A
// throw-away database without supply gets --requests pending callbacks of one morning (callback-fill.ts):
// --register of them through CallbackService.register, --workers at a time, half into a nearly empty
// queue and half into the full one (register counts the requests ahead). Then --workers claimers loop
// claimNext → record(claim, "connected") for --seconds or until nothing is left, every request due.
// RSS is this process's with all requests queued. Exit code 1 on duplicates or errors.
import { loadConfig } from "../../../ivr/src/config.ts";
import { berlinLocalToUtc, minutesOfDay } from "../../../ivr/src/domain/time/berlin.ts";
import { log, machine, onCleanup, runCommand } from "../harness/command.ts";
import { benchDatabase, benchServices, connect } from "../harness/database.ts";
import { readOptions } from "../harness/options.ts";
import { latency, round } from "../harness/stats.ts";
import { checkClaims, runClaimers } from "./callback-claims.ts";
import { BenchClock, bulkFill, registerSample, SPREAD_MINUTES } from "./callback-fill.ts";

const o = readOptions({
  requests: { default: 100_000, quick: 10_000, min: 2, max: 10_000_000, integer: true },
  register: { default: 2000, quick: 400, min: 2, integer: true },
  workers: { default: 8, min: 1, max: 64, integer: true },
  seconds: { default: 15, quick: 3, above: 0 },
});
const registerCount = Math.min(o.register, o.requests);

runCommand("bench:callbacks", async () => {
  const { db, postgres, loadBefore } = await benchDatabase("bench_callbacks");
  const poolSize = 2 * o.workers + 2;
  const env = { SEED_WEEKS: "0", DB_POOL_SIZE: String(poolSize) };
  const open = minutesOfDay(loadConfig({ ...process.env, ...env }).HOTLINE_OPENS);
  // Monday 25 January 2021 at the hotline's opening; claims start an hour after the last first contact.
  const opensAt = berlinLocalToUtc(2021, 1, 25, Math.floor(open / 60), open % 60);
  const clock = new BenchClock(opensAt);
  const { services } = await benchServices(db.url, env, clock);
  onCleanup(() => services.close());
  // Every pool connection opened before the timed registrations.
  await Promise.all(Array.from({ length: poolSize }, () => services.db.prisma.$queryRaw`SELECT 1`));
  const admin = await connect(db.url);

  const half = Math.ceil(registerCount / 2);
  const bulkRows = o.requests - registerCount;
  log(`fill: ${o.requests} requests (${registerCount} through register(), ${bulkRows} in bulk)`);
  const register = [await registerSample(services.callbacks, clock, opensAt, 0, half, o.workers)];
  if (bulkRows > 0) log(`bulk insert: ${round(await bulkFill(admin, half, bulkRows), 1)} s`);
  await admin.query("VACUUM (ANALYZE) callback_request");
  register.push(
    await registerSample(services.callbacks, clock, opensAt, half + bulkRows, registerCount - half, o.workers),
  );
  const queued = (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM callback_request")).rows[0]!.n;
  if (queued !== o.requests) throw new Error(`${queued} requests in the database, expected ${o.requests}`);
  const rssMb = round(process.memoryUsage().rss / 2 ** 20, 1);

  clock.at = new Date(opensAt.getTime() + (SPREAD_MINUTES + 60) * 60_000);
  log(`claims: ${o.workers} workers in this process, ${o.seconds} s or until empty`);
  const claim = await runClaimers(services.callbacks, o.workers, o.seconds);
  const check = await checkClaims(admin, claim);
  const errors = [...register.flatMap((r) => r.errors), ...claim.errors, ...check.problems];
  for (const error of errors.slice(0, 10)) log(`  error: ${error}`);
  log(`duplicates ${check.duplicates}, ${claim.completed.length} completed`);

  const registered = register[0]!.registered + register[1]!.registered;
  const { p50Ms, p99Ms } = latency(claim.claimMs);
  const line = {
    benchmark: "callbacks",
    date: new Date().toISOString(),
    requests: o.requests,
    workers: o.workers,
    seconds: o.seconds,
    claimsPerSecond: round(claim.claims / claim.elapsedSeconds, 1),
    claims: claim.claims,
    claimP50Ms: p50Ms,
    claimP99Ms: p99Ms,
    registered,
    registrationsPerSecond: round(registered / (register[0]!.seconds + register[1]!.seconds), 1),
    duplicates: check.duplicates,
    errors: errors.length,
    rssMb, // this process, with every request queued
    pass: check.duplicates === 0 && errors.length === 0,
    machine: { ...machine(), postgres, loadAvgBefore: round(loadBefore) },
  };
  return { file: "callbacks.json", line, exitCode: line.pass ? 0 : 1 };
});
