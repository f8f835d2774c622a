// An automated invitation call was answered. Nothing is said yet: a machine gets the short
// message without personal data (outbound-machine), a person the identity check first.
import type { Step } from "../types.ts";
import { say } from "./step-kit.ts";

export const invitationAnswer: Step = {
  name: "invitation-answer",
  async enter({ state, deps }) {
    const id = Number(state.outboundSubject);
    const view = Number.isSafeInteger(id) && id > 0 ? await deps.invitations?.open(id) : null;
    // Accepted or declined by calling in meanwhile, or past its deadline: nothing left to say.
    if (!view) return { prompts: [say("outbound.intro"), say("outbound.nothing_open")], redirect: "goodbye" };
    state.invitation = { id: view.invitationId, registrationNumber: view.registrationNumber, confirmed: false };
    return { prompts: [], redirect: state.answeredBy === "machine" ? "outbound-machine" : "identity-check" };
  },
};
