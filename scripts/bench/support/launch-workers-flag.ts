// Preloaded into the hotline (`--import`) by launch-hotline.ts: startServer() passes no script
// arguments, so this adds `--workers $LAUNCH_WORKERS` to process.argv before ivr/src/main.ts
// reads it. Cluster workers inherit argv and preload; the flag is added only once.
const workers = process.env.LAUNCH_WORKERS;
if (workers && !process.argv.some((a) => a === "--workers" || a.startsWith("--workers=")))
  process.argv.push("--workers", workers);
