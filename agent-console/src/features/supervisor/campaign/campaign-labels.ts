// The priority groups as the campaign panel names them (priority.ts's default bands), spelled
// out so the locale check sees every key.
export const PRIORITY_GROUPS = [
  { group: 0, label: "supervisor.campaign.group.code" },
  { group: 1, label: "supervisor.campaign.group.90" },
  { group: 2, label: "supervisor.campaign.group.85" },
  { group: 3, label: "supervisor.campaign.group.80" },
  { group: 4, label: "supervisor.campaign.group.younger" },
] as const;
