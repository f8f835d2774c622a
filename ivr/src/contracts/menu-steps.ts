// The phone menu's steps, one list, in the order a caller meets them: the registry
// (call-flow/steps/index.ts) has a step for each and no other (a test checks), and the
// console labels them (CallContextView.path, the wallboard's menu).
export const STEP_NAMES = [
  "welcome",
  "closed",
  "main-menu",
  "code-entry",
  "code-menu",
  "cancel-confirm",
  "birth-year",
  "read-back",
  "not-eligible",
  "postcode",
  "choose-district",
  "offer",
  "alternatives",
  "birth-date",
  "name",
  "confirm",
  "booked",
  "operator",
  "callback-offer",
  "callback-number",
  "callback-number-entry",
  "queue-wait",
  "queue-left",
  "callback-answer",
  "goodbye",
] as const;
export type StepName = (typeof STEP_NAMES)[number];
