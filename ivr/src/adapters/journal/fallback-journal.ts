// When the database is down, /voice/fallback still takes callback numbers: each one is
// appended to a local journal file and fsync'ed before the caller hears "registered".
// When the database is back, the journal is replayed into it exactly once: every entry
// carries an id that the callback table keeps unique, so a replay repeated after a crash
// inserts nothing twice.
import { randomUUID } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface JournalEntry {
  id: string;
  at: string;
  phone: string;
  phoneSource: "caller-id" | "keyed";
  language: string;
  callSid: string | null;
}

/** Where the journal lives: JOURNAL_DIR, else <DATA_DIR>/journal (./data/journal in memory mode). */
export function journalDirOf(config: { JOURNAL_DIR?: string; DATA_DIR: string }): string {
  return config.JOURNAL_DIR ?? join(config.DATA_DIR.startsWith("memory://") ? "./data" : config.DATA_DIR, "journal");
}

export class FallbackJournal {
  private readonly file: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // One file per process: appends never interleave across processes.
    this.file = join(dir, `callbacks-${hostname()}-${process.pid}.jsonl`);
  }

  /** Durable before it returns: written and fsync'ed. */
  append(entry: Omit<JournalEntry, "id" | "at">, at: Date): JournalEntry {
    const full: JournalEntry = { id: randomUUID(), at: at.toISOString(), ...entry };
    // Phone numbers of callers: readable by this service's user only.
    const fd = openSync(this.file, "a", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(full)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return full;
  }

  /**
   * Journal files this process may replay: its own, and those of processes on this host
   * that no longer run. A live process's file is left to it (it may be appending).
   */
  pending(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .map((f) => ({ f, m: /^callbacks-(.+)-(\d+)\.jsonl(\.replaying-.+)?$/.exec(f) }))
      .filter(({ m }) => m && (Number(m[2]) === process.pid || m[1] !== hostname() || !alive(Number(m[2]))))
      .map(({ f }) => join(this.dir, f));
  }

  /**
   * Replays every entry through `insert` (which must be idempotent on the entry id), then
   * deletes the file: the numbers now live in the database, under its retention rules. A torn last line (crash mid-write, never acknowledged) is skipped.
   * If the database fails mid-replay the file stays in "replaying" state and is taken up
   * again on the next replay; entries already inserted are skipped by their id.
   */
  async replay(insert: (entry: JournalEntry) => Promise<void>): Promise<number> {
    let replayed = 0;
    for (const file of this.pending()) {
      // Move a live file aside first, so new appends start a fresh file while we replay.
      const working = file.includes(".replaying-") ? file : `${file}.replaying-${randomUUID()}`;
      if (working !== file) renameSync(file, working);
      for (const line of readFileSync(working, "utf8").split("\n").filter(Boolean)) {
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          continue;
        }
        await insert(entry);
        replayed++;
      }
      unlinkSync(working);
    }
    return replayed;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
