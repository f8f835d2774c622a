// How many people to call in the next wave for doses left over: enough that, at the measured
// acceptance rate, the doses left are taken, minus the calls still out; never so many that
// people are called for a dose already gone (Trier, 2021: nine SMS offers, all "bereits vergeben").

/** Until this many standby calls were answered, the acceptance rate is not measured but assumed. */
export const MEASURED_AFTER = 20;
export const DEFAULT_ACCEPTANCE = 0.5;
/** A very low measured rate must not turn one dose into fifty calls. */
const MIN_RATE = 0.2;

/** Share of answered standby calls that said yes (won or too late), or the default before enough were answered. */
export function acceptanceRate(answered: number, accepted: number): number {
  if (answered < MEASURED_AFTER) return DEFAULT_ACCEPTANCE;
  return Math.min(1, Math.max(MIN_RATE, accepted / answered));
}

/** People to call now: ceil(doses left / rate) in flight at most, counting the calls still out. */
export function waveSize(dosesLeft: number, callsOut: number, rate: number): number {
  if (dosesLeft <= 0) return 0;
  return Math.max(0, Math.ceil(dosesLeft / rate) - callsOut);
}
