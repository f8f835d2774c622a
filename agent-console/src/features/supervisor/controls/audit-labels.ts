// The audit log's codes in words: every action the server records (supervisor-controls,
// account-service, person-erasure) and every field of their details. Keys are written out,
// so locale-keys.test.ts sees each one; a code the console does not know yet shows as sent.
export const AUDIT_ACTION_KEYS: Record<string, string> = {
  "supply.release": "supervisor.audit.supplyRelease",
  "settings.update": "supervisor.audit.settingsUpdate",
  "announcement.set": "supervisor.audit.announcementSet",
  "account.create": "supervisor.audit.accountCreate",
  "account.disable": "supervisor.audit.accountDisable",
  "account.enable": "supervisor.audit.accountEnable",
  "account.password": "supervisor.audit.accountPassword",
  person_exported: "supervisor.audit.personExported",
  person_erased: "supervisor.audit.personErased",
  "monitor.listen": "supervisor.audit.callListen",
  "monitor.whisper": "supervisor.audit.callWhisper",
  "monitor.barge": "supervisor.audit.callBarge",
  "monitor.end": "supervisor.audit.callMonitorEnd",
  contact_checked: "supervisor.audit.contactChecked",
  recording_heard: "supervisor.audit.recordingHeard",
  letters_gathered: "supervisor.audit.lettersGathered",
  letters_printed: "supervisor.audit.lettersPrinted",
  "supply_drop.planned": "supervisor.audit.supplyDropPlanned",
  "supply_drop.started": "supervisor.audit.supplyDropStarted",
  "supply_drop.holds_released": "supervisor.audit.supplyDropHoldsReleased",
  "supply_drop.moved": "supervisor.audit.supplyDropMoved",
  "supply_drop.capacity_lowered": "supervisor.audit.supplyDropCapacityLowered",
  "supply_drop.executed": "supervisor.audit.supplyDropExecuted",
};

type FieldKeys = { [field: string]: string | FieldKeys };

/** Detail fields, nested as the details are (settings: { queue: { capacity } }); announcement texts are per language. */
export const AUDIT_FIELD_KEYS: FieldKeys = {
  regionId: "supervisor.audit.field.region",
  vaccineId: "supervisor.audit.field.vaccine",
  weekStart: "supervisor.audit.field.weekStart",
  doses: "supervisor.audit.field.doses",
  pairs: "supervisor.audit.field.pairs",
  releaseId: "supervisor.audit.field.releaseId",
  dropId: "supervisor.audit.field.dropId",
  dosesLost: "supervisor.audit.field.dosesLost",
  pairsLost: "supervisor.audit.field.pairsLost",
  callbacksScheduled: "supervisor.audit.field.callbacksScheduled",
  account: "supervisor.audit.field.account",
  role: "supervisor.audit.field.role",
  passwordDrawn: "supervisor.audit.field.passwordDrawn",
  reason: "supervisor.audit.field.reason",
  personId: "supervisor.audit.field.personId",
  bookingsCancelled: "supervisor.audit.field.bookingsCancelled",
  hotline: { opensAt: "supervisor.settings.opensAt", closesAt: "supervisor.settings.closesAt" },
  queue: {
    capacity: "supervisor.settings.capacity",
    offerCallbackAboveMinutes: "supervisor.settings.offerCallback",
    defaultHandleSeconds: "supervisor.audit.field.defaultHandleSeconds",
  },
  callbacks: {
    maxAttempts: "supervisor.settings.maxAttempts",
    retryDelaysMinutes: "supervisor.settings.retryDelays",
    releaseWindowMinutes: "supervisor.audit.field.releaseWindowMinutes",
    holdHours: "supervisor.audit.field.holdHours",
    callsPerSecond: "supervisor.audit.field.callsPerSecond",
  },
};

/** The translation key of a detail field by its path, if there is one. */
export function fieldKey(path: string[]): string | null {
  let at: string | FieldKeys | undefined = AUDIT_FIELD_KEYS;
  for (const part of path) at = typeof at === "object" ? at[part] : undefined;
  return typeof at === "string" ? at : null;
}

/** Values that are codes themselves. */
export const AUDIT_VALUE_KEYS: Record<string, string> = {
  nordrhein: "supervisor.region.nordrhein",
  "westfalen-lippe": "supervisor.region.westfalenLippe",
  hessen: "supervisor.region.hessen",
  agent: "role.agent",
  supervisor: "role.supervisor",
  biontech: "supervisor.audit.value.biontech",
  moderna: "supervisor.audit.value.moderna",
  "demo-password": "supervisor.audit.value.demoPassword",
};
