// The identity policy on the phone (domain/outbound/identity-policy.ts), for every automated
// outbound call and for a registration number typed by a caller: who is calling and why, the
// hotline number, "never money or bank details"; then day and month of birth (TTMM) before
// anything personal is said. Two wrong or missing answers: no details, the hotline number and
// a kind goodbye (identity-failed).
import { confirmsBirthDate, spokenDigits } from "../../domain/outbound/identity-policy.ts";
import type { Step, StepContext } from "../types.ts";
import { BIRTH_DATE_HINTS, readBirthDate } from "./birth-date-input.ts";
import { entry, say } from "./step-kit.ts";

const hotlineOf = ({ deps }: StepContext) => spokenDigits(deps.hotlinePhone ?? "116117");

export const identityCheck: Step = {
  name: "identity-check",
  enter(ctx) {
    const { state } = ctx;
    if (!state.invitation) return { prompts: [], redirect: "main-menu" };
    // A caller who dialled the hotline knows whom they called; the call we place says it first
    // (once: after silence or a wrong date only the question comes again). The question comes
    // before the number to call back, so it is asked within 20 s (docs/benchmarks.md); the
    // number is still said while the keys are awaited.
    const first = state.outboundTaskId && state.retries === 0;
    const intro = first ? [say("outbound.intro"), say("outbound.why_invitation"), say("outbound.no_money")] : [];
    const after = first ? [say("outbound.call_back", { hotline: hotlineOf(ctx) })] : [];
    return entry("identity-check", [...intro, say("outbound.ask_birth_date"), ...after], {
      numDigits: 4,
      hints: BIRTH_DATE_HINTS,
    });
  },
  async handle({ state, deps }, input) {
    const invitation = state.invitation;
    const view = invitation ? await deps.invitations?.open(invitation.id) : null;
    if (!invitation || !view) return { goto: "identity-failed" };
    const year = Number(view.birthDate.slice(0, 4));
    const date = readBirthDate(input, deps.clock.now(), year);
    if (!date || !confirmsBirthDate(view.birthDate, date)) return { invalid: "outbound.birth_date_wrong" };
    invitation.confirmed = true;
    return { goto: "invitation-offer" };
  },
  giveUp: () => ({ goto: "identity-failed" }),
};

export const identityFailed: Step = {
  name: "identity-failed",
  enter(ctx) {
    // The goodbye step then says when the hotline is there: a next step, never a dead end.
    return {
      prompts: [say("outbound.not_confirmed"), say("outbound.call_back", { hotline: hotlineOf(ctx) })],
      redirect: "goodbye",
    };
  },
};
