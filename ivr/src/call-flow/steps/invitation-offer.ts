// After the birth date matched: the invitation's centre and both dates, then the choice
// "1 annehmen, 2 anderer Termin, 3 keinen Termin mehr nötig, 0 Mitarbeiterin" (0 is the menu's
// global key for a person; the agent sees the invitation in the call's context).
import { isDomainError } from "../../domain/errors.ts";
import type { InvitationView } from "../../domain/waitlist/invitation-calls.ts";
import type { Step, StepContext } from "../types.ts";
import { confirmInvitationBooking } from "./invitation-booking.ts";
import { pairPrompt } from "./pair-prompts.ts";
import { menu, readChoice, say } from "./step-kit.ts";

const WORDS = {
  "1": ["annehmen", "ja", "passt", "nehmen"],
  "2": ["anderer termin", "anderen termin", "andere zeit"],
  "3": ["keinen termin", "nicht mehr", "brauche keinen"],
};

/** The invitation whose birth date was confirmed in this call, still open; else null. */
export async function confirmedInvitation({ state, deps }: StepContext): Promise<InvitationView | null> {
  if (!state.invitation?.confirmed) return null;
  return (await deps.invitations?.open(state.invitation.id)) ?? null;
}

export const invitationOffer: Step = {
  name: "invitation-offer",
  async enter(ctx) {
    const { state, deps } = ctx;
    if (!state.invitation?.confirmed) return { prompts: [], redirect: "identity-check" };
    const view = await confirmedInvitation(ctx);
    if (!view) return { prompts: [say("invitation.gone")], redirect: "goodbye" };
    const centre = deps.ledger.geography.districtOfCentre(view.centreId)?.centre;
    return menu(
      "invitation-offer",
      [say("invitation.options")],
      [pairPrompt("invitation.pair", view, state.language, { centre: centre?.name ?? "Impfzentrum" })],
    );
  },
  async handle(ctx, input) {
    const { state, deps } = ctx;
    const choice = readChoice(input, ["1", "2", "3"], { words: WORDS });
    if (!choice) return { invalid: "common.invalid_choice" };
    const view = await confirmedInvitation(ctx);
    if (!view || !deps.invitations) return { goto: "goodbye", prompts: [say("invitation.gone")] };
    if (choice === "2") return { goto: "invitation-other" };
    try {
      if (choice === "3") {
        await deps.invitations.decline(view.invitationId);
        state.invitation = undefined;
        return { goto: "goodbye", prompts: [say("invitation.declined")] };
      }
      const { code } = await deps.invitations.accept(view.invitationId);
      await confirmInvitationBooking(ctx, view, code, view);
      return { goto: "booked" };
    } catch (error) {
      if (isDomainError(error, "invitation_unknown")) return { goto: "goodbye", prompts: [say("invitation.gone")] };
      throw error;
    }
  },
};
