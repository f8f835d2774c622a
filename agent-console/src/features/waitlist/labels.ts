// Every text key the waiting list builds from a code, spelled out, so the locale check sees each one.
export const FIELD = {
  name: "waitlist.field.name",
  birthDate: "waitlist.field.birthDate",
  postcode: "waitlist.field.postcode",
  street: "waitlist.field.street",
  city: "waitlist.field.city",
  phone: "waitlist.field.phone",
} as const;

export const RELATION = {
  self: "waitlist.relation.self",
  child: "waitlist.relation.child",
  spouse: "waitlist.relation.spouse",
  relative: "waitlist.relation.relative",
  carer: "waitlist.relation.carer",
  other: "waitlist.relation.other",
} as const;

export const TIME_OF_DAY = {
  any: "waitlist.timeOfDay.any",
  morning: "waitlist.timeOfDay.morning",
  afternoon: "waitlist.timeOfDay.afternoon",
} as const;

export const FLAG = {
  wheelchair: "waitlist.flag.wheelchair",
  companion: "waitlist.flag.companion",
  interpreter: "waitlist.flag.interpreter",
  homeVisit: "waitlist.flag.homeVisit",
  consentCalls: "waitlist.flag.consentCalls",
  consentSms: "waitlist.flag.consentSms",
  codeHolder: "waitlist.flag.codeHolder",
  // The standby list calls only people who opted in (domain/standby).
  shortNotice: "waitlist.flag.shortNotice",
} as const;

export const ENTRY_STATUS: Record<string, string> = {
  waiting: "waitlist.status.waiting",
  invited: "waitlist.status.invited",
  booked: "waitlist.status.booked",
  declined: "waitlist.status.declined",
  withdrawn: "waitlist.status.withdrawn",
  merged: "waitlist.status.merged",
};

export const INVITATION_STATUS: Record<string, string> = {
  invited: "waitlist.invitation.invited",
  accepted: "waitlist.invitation.accepted",
  declined: "waitlist.invitation.declined",
  expired: "waitlist.invitation.expired",
  booked: "waitlist.invitation.booked",
};

export const DECIDED = { merge: "waitlist.decided.merge", apart: "waitlist.decided.apart" } as const;

export const REGION: Record<string, string> = {
  nordrhein: "waitlist.regionName.nordrhein",
  "westfalen-lippe": "waitlist.regionName.westfalen-lippe",
  hessen: "waitlist.regionName.hessen",
};
