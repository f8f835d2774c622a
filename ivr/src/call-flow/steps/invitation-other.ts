// "Anderer Termin": the next two free pairs at the invitation's centre (or, where it has fewer,
// the nearest centres within reach), 1 or 2 to take one, 3 to keep the invitation's pair.
// Taking one holds it for this call, books it and gives the invitation's pair back.
import { isDomainError } from "../../domain/errors.ts";
import type { Step, StepContext } from "../types.ts";
import { confirmedInvitation } from "./invitation-offer.ts";
import { confirmInvitationBooking } from "./invitation-booking.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const NEARBY_KM = 30;

/** The invitation's own pair is held for it, so it is never among the free pairs offered here. */
async function nextPairs({ deps }: StepContext, centreId: number) {
  const pairs = await deps.ledger.freePairs(centreId, { limit: 2 });
  for (const near of deps.ledger.geography.centresByDistance(centreId)) {
    if (pairs.length >= 2 || near.km > NEARBY_KM) break;
    pairs.push(...(await deps.ledger.freePairs(near.centre.id, { limit: 2 - pairs.length })));
  }
  return pairs.slice(0, 2);
}

export const invitationOther: Step = {
  name: "invitation-other",
  async enter(ctx) {
    const { state, deps } = ctx;
    const view = await confirmedInvitation(ctx);
    if (!view) return { prompts: [], redirect: "invitation-offer" };
    const pairs = await nextPairs(ctx, view.centreId);
    state.invitationOthers = pairs.map((p) => ({
      firstSlotId: p.firstSlotId,
      centreId: p.centreId,
      firstStartsAt: p.firstStartsAt.toISOString(),
      secondStartsAt: p.secondStartsAt.toISOString(),
    }));
    if (pairs.length === 0) return { prompts: [say("invitation.no_other")], redirect: "invitation-offer" };
    const centreName = (id: number) => deps.ledger.geography.districtOfCentre(id)?.centre.name ?? "Impfzentrum";
    return menu(
      "invitation-other",
      [say(pairs.length === 2 ? "invitation.other_options" : "invitation.other_options_one")],
      pairs.map((p, i) =>
        pairPrompt("invitation.other_pair", p, state.language, { n: i + 1, centre: centreName(p.centreId) }),
      ),
    );
  },
  async handle(ctx, input) {
    const { state, deps } = ctx;
    const others = state.invitationOthers ?? [];
    const choice = readChoice(input, others.length === 2 ? ["1", "2", "3"] : ["1", "3"]);
    if (!choice) return { invalid: "common.invalid_choice" };
    if (choice === "3") return { goto: "invitation-offer" };
    const chosen = others[Number(choice) - 1];
    const view = await confirmedInvitation(ctx);
    if (!chosen || !view || !deps.invitations) return { goto: "goodbye", prompts: [say("invitation.gone")] };
    try {
      const held = await deps.ledger.hold(chosen.firstSlotId, state.callSid);
      const { code } = await deps.invitations.acceptOther(view.invitationId, held.holdId);
      await confirmInvitationBooking(ctx, view, code, held);
      state.invitationOthers = undefined;
      return { goto: "booked" };
    } catch (error) {
      if (isDomainError(error, "slot_taken") || isDomainError(error, "hold_expired"))
        return { goto: "invitation-other", prompts: [say("invitation.other_taken")] };
      if (isDomainError(error, "invitation_unknown")) return { goto: "goodbye", prompts: [say("invitation.gone")] };
      throw error;
    }
  },
};
