// A webhook's run of the menu is thrown away when another webhook of the same call saved its
// session first (the version check): most often Twilio's own duplicate of the same request,
// sent at the same moment. The run may have held a pair meanwhile (the offer step holds one);
// nobody will ever name that hold again, since the run's state is never saved, so it would stay
// held until the call ends. Four copies of one postcode webhook held four pairs (issue 15).
import type { Logger } from "pino";
import type { Ledger } from "../domain/ledger/ledger.ts";
import type { CallState } from "./types.ts";

/** The pair a call's state holds, if any. */
export function heldPairOf(state: CallState): string | undefined {
  return state.held?.holdId;
}

/**
 * Gives back the pair that a discarded run took: held in its state now, not before it ran.
 * Failing here loses nothing: the call's end, or the hold's expiry, gives it back later.
 */
export async function releaseDiscardedHold(
  deps: { ledger: Pick<Ledger, "releaseHold">; logger: Pick<Logger, "warn"> },
  heldBefore: string | undefined,
  discarded: CallState,
): Promise<void> {
  const taken = heldPairOf(discarded);
  if (!taken || taken === heldBefore) return;
  try {
    await deps.ledger.releaseHold(taken);
  } catch (err) {
    deps.logger.warn({ err }, "hold of a discarded webhook run not released; the sweep will");
  }
}
