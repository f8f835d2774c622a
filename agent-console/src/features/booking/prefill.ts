// What the booking form can take over from the call (or the callback) being worked.
import type { CallbackView, CallContextView, HeldPairView } from "@contracts/console-api.ts";
import { isoToGermanDate } from "../../app/format.ts";

export interface Prefill {
  postcode: string;
  phone: string;
  birthDate: string; // DD.MM.YYYY
  districtId: number | null;
  centre: { id: number; name: string } | null;
  heldPair: HeldPairView | null;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The centre the menu found, as its context stores it ({ id, name }). */
function centreOf(value: unknown): Prefill["centre"] {
  const centre = value as { id?: unknown; name?: unknown } | null | undefined;
  return typeof centre?.id === "number" && typeof centre.name === "string"
    ? { id: centre.id, name: centre.name }
    : null;
}

/** CallbackView.context is untyped; it carries the menu's context when the caller came through it. */
function heldPairOfCallback(callback: CallbackView): HeldPairView | null {
  const pair = callback.context["heldPair"] as Partial<HeldPairView> | null | undefined;
  if (!callback.heldPair || !pair || pair.holdId !== callback.heldPair.holdId) return null;
  const complete =
    typeof pair.firstSlotId === "number" &&
    typeof pair.firstStartsAt === "string" &&
    typeof pair.secondStartsAt === "string";
  return complete ? ({ ...pair, expiresAt: callback.heldPair.expiresAt } as HeldPairView) : null;
}

export function prefillFrom(call: CallContextView | null, callback: CallbackView | null): Prefill {
  if (call)
    return {
      postcode: call.postcode ?? "",
      phone: call.phone ?? "",
      birthDate: call.birthDate ? isoToGermanDate(call.birthDate) : "",
      districtId: call.district?.id ?? null,
      centre: call.centre,
      heldPair: call.heldPair,
    };
  if (callback)
    return {
      postcode: text(callback.context["postcode"]),
      phone: callback.phone,
      birthDate: isoToGermanDate(text(callback.context["birthDate"])),
      districtId: null,
      centre: centreOf(callback.context["centre"]),
      heldPair: heldPairOfCallback(callback),
    };
  return { postcode: "", phone: "", birthDate: "", districtId: null, centre: null, heldPair: null };
}
