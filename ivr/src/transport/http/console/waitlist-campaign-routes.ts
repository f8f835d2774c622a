// The supervisor page's campaign panel: the figures of every KV region, a run started now with
// a share, and a region's pause. Supervisors only (the caller mounts them behind requireRole).
import type { Router } from "express";
import type { i18n } from "i18next";
import { campaignPause, campaignStart, type CampaignRegionView } from "../../../contracts/waitlist-api.ts";
import type { Campaign, CampaignRegion } from "../../../domain/waitlist/campaign.ts";
import type { PublicRun } from "../../../domain/waitlist/invitation-runs.ts";
import type { InvitationRunView } from "../../../contracts/waitlist-api.ts";
import { route, sendError } from "../http-errors.ts";

export function campaignRoutes(
  router: Router,
  campaign: Campaign,
  i18n: i18n,
  runView: (r: PublicRun) => InvitationRunView,
) {
  router.get(
    "/api/supervisor/campaign",
    route(async (_req, res) => {
      res.setHeader("cache-control", "no-store");
      res.json({ regions: (await campaign.overview()).map((r) => regionView(r, runView)) });
    }),
  );

  router.post(
    "/api/supervisor/campaign/:regionId/start",
    route(async (req, res) => {
      const body = campaignStart.safeParse(req.body ?? {});
      if (!body.success) return sendError(res, req, i18n, 400, "supply_invalid");
      const result = await campaign.start(String(req.params.regionId), body.data.sharePercent, req.agent!.id);
      res.json({ ...result, run: runView(result.run) });
    }),
  );

  router.post(
    "/api/supervisor/campaign/:regionId/pause",
    route(async (req, res) => {
      const body = campaignPause.safeParse(req.body);
      if (!body.success) return sendError(res, req, i18n, 400, "supply_invalid");
      await campaign.setPaused(String(req.params.regionId), body.data.paused, req.agent!.id);
      res.json({ regionId: req.params.regionId, paused: body.data.paused });
    }),
  );
}

function regionView(r: CampaignRegion, runView: (r: PublicRun) => InvitationRunView): CampaignRegionView {
  return { ...r, runs: r.runs.map(runView) };
}
