import type { Clock } from "../../src/domain/ledger/ledger.ts";

/** A clock tests move by hand. Starts at the KVWL launch: Monday 25 January 2021, 08:00. */
export class FakeClock implements Clock {
  private at: number;
  constructor(start = "2021-01-25T08:00:00+01:00") {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(minutes: number): void {
    this.at += minutes * 60_000;
  }
  set(iso: string): void {
    this.at = new Date(iso).getTime();
  }
}
