// The waiting list in the console: agents register people, look them up by registration
// number, decide possible duplicates and record an invitation's answer; supervisors import the
// register extract and start invitation runs. The runs' published values are public: they hold
// no personal data, and anyone may check a run with them.
import express, { Router } from "express";
import type { i18n } from "i18next";
import { rowIdParam } from "../../../contracts/console-api.ts";
import {
  declineRequest,
  duplicateDecision,
  runRequest,
  waitlistRegistration,
  type InvitationRunView,
  type WaitlistEntryView,
} from "../../../contracts/waitlist-api.ts";
import type { Campaign } from "../../../domain/waitlist/campaign.ts";
import type { InvitationRuns, PublicRun } from "../../../domain/waitlist/invitation-runs.ts";
import { parseRegistrationNumber } from "../../../domain/waitlist/registration-number.ts";
import type { Waitlist } from "../../../domain/waitlist/waitlist.ts";
import type { EntryRecord, WaitlistStore } from "../../../domain/waitlist/waitlist-store.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";
import { campaignRoutes } from "./waitlist-campaign-routes.ts";

export interface WaitlistDeps {
  waitlist: Waitlist;
  runs: InvitationRuns;
  campaign: Campaign;
  store: Pick<WaitlistStore, "statusCounts">;
  i18n: i18n;
}

export function waitlistRoutes(deps: WaitlistDeps): Router {
  const router = Router();
  const { i18n } = deps;
  router.use("/api/waitlist", requireRole(i18n));

  router.post(
    "/api/waitlist",
    route(async (req, res) => {
      const body = waitlistRegistration.safeParse(req.body);
      if (!body.success)
        return sendError(res, req, i18n, 400, "person_invalid", { field: body.error.issues[0]?.path.join(".") });
      const result = await deps.waitlist.register(body.data, "agent", `agent:${req.agent!.id}`);
      res.status(result.created ? 201 : 200).json({ ...result, entry: entryView(result.entry) });
    }),
  );

  router.get(
    "/api/waitlist/entries/:number",
    route(async (req, res) => {
      const number = parseRegistrationNumber(String(req.params.number));
      if (!number) return sendError(res, req, i18n, 404, "waitlist_unknown");
      const entry = await deps.waitlist.byNumber(number);
      const invitations = await deps.runs.invitationsOf(entry.id);
      res.setHeader("cache-control", "no-store");
      res.json({
        entry: entryView(entry),
        invitations: invitations.map((i) => ({
          id: i.id,
          runId: i.runId,
          centreId: i.centreId,
          firstStartsAt: i.firstStartsAt.toISOString(),
          secondStartsAt: i.secondStartsAt.toISOString(),
          status: i.status,
          deadline: i.deadline?.toISOString() ?? null,
        })),
      });
    }),
  );

  router.post(
    "/api/waitlist/entries/:number/withdraw",
    route(async (req, res) => {
      const number = parseRegistrationNumber(String(req.params.number));
      if (!number) return sendError(res, req, i18n, 404, "waitlist_unknown");
      res.json({ entry: entryView(await deps.waitlist.withdraw(number, `agent:${req.agent!.id}`)) });
    }),
  );

  router.get(
    "/api/waitlist/duplicates",
    route(async (_req, res) => {
      res.setHeader("cache-control", "no-store");
      const items = await deps.waitlist.duplicates();
      res.json({ items: items.map((d) => ({ id: d.id, entry: entryView(d.entry), other: entryView(d.other) })) });
    }),
  );

  router.post(
    "/api/waitlist/duplicates/:id",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      const body = duplicateDecision.safeParse(req.body);
      if (!id.success || !body.success) return sendError(res, req, i18n, 404, "duplicate_unknown");
      const entries = await deps.waitlist.decide(id.data, body.data.decision, `agent:${req.agent!.id}`);
      res.json({ entries: entries.map(entryView) });
    }),
  );

  router.post(
    "/api/waitlist/invitations/:id/accept",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, i18n, 409, "invitation_unknown");
      res.json(await deps.runs.accept(id.data, req.agent!.id));
    }),
  );

  router.post(
    "/api/waitlist/invitations/:id/decline",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      const body = declineRequest.safeParse(req.body ?? {});
      if (!id.success || !body.success) return sendError(res, req, i18n, 409, "invitation_unknown");
      res.json(await deps.runs.decline(id.data, body.data.final));
    }),
  );

  // Supervisors: the register import (a CSV file as the body; a district's extract can be megabytes) and the runs.
  router.use("/api/supervisor/waitlist", requireRole(i18n, "supervisor"));
  router.use("/api/supervisor/invitation-runs", requireRole(i18n, "supervisor"));
  router.use("/api/supervisor/campaign", requireRole(i18n, "supervisor"));
  campaignRoutes(router, deps.campaign, i18n, runView);

  router.post(
    "/api/supervisor/waitlist/import",
    express.text({ type: "text/csv", limit: "50mb" }),
    route(async (req, res) => {
      if (typeof req.body !== "string" || !req.body.trim()) return sendError(res, req, i18n, 400, "import_invalid");
      res.json(await deps.waitlist.importRegister(req.body, `import:${req.agent!.id}`));
    }),
  );

  router.get(
    "/api/supervisor/waitlist/overview",
    route(async (_req, res) => {
      res.setHeader("cache-control", "no-store");
      const [counts, runs] = await Promise.all([deps.store.statusCounts(), deps.runs.runs(20)]);
      res.json({ counts, runs: runs.map(runView) });
    }),
  );

  router.post(
    "/api/supervisor/invitation-runs",
    route(async (req, res) => {
      const body = runRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, i18n, 400, "supply_invalid");
      const { regionId, ...options } = body.data;
      res.status(201).json({ run: runView(await deps.runs.publish(regionId, options, req.agent!.id)) });
    }),
  );

  router.post(
    "/api/supervisor/invitation-runs/:id/execute",
    route(async (req, res) => {
      const id = rowIdParam.safeParse(req.params.id);
      if (!id.success) return sendError(res, req, i18n, 404, "run_unknown");
      const result = await deps.runs.execute(id.data, req.agent!.id);
      res.json({ ...result, run: runView(result.run) });
    }),
  );

  // Public: the commitments before a run, the seed after it.
  router.get(
    "/api/invitation-runs",
    route(async (_req, res) => {
      res.json({ runs: (await deps.runs.runs(50)).map(runView) });
    }),
  );
  return router;
}

export function entryView(e: EntryRecord): WaitlistEntryView {
  return {
    id: e.id,
    registrationNumber: e.registrationNumber,
    name: e.name,
    birthDate: e.birthDate,
    postcode: e.postcode,
    street: e.street,
    city: e.city,
    phone: e.phone,
    relation: e.relation,
    language: e.language,
    regionId: e.regionId,
    preferredCentreId: e.preferredCentreId,
    timeOfDay: e.timeOfDay,
    needs: { wheelchair: e.wheelchair, companion: e.companion, interpreter: e.interpreter, homeVisit: e.homeVisit },
    consentCalls: e.consentCalls,
    consentSms: e.consentSms,
    shortNotice: e.shortNotice,
    priorityGroup: e.priorityGroup,
    status: e.status,
    source: e.source,
    registeredAt: e.registeredAt.toISOString(),
  };
}

function runView(r: PublicRun): InvitationRunView {
  return {
    id: r.id,
    regionId: r.regionId,
    status: r.status,
    seedHash: r.seedHash,
    listHash: r.listHash,
    seed: r.seed,
    entries: r.entries,
    sharePercent: r.sharePercent,
    deadlineHours: r.deadlineHours,
    freePairs: r.freePairs,
    budget: r.budget,
    invited: r.invited,
    booked: r.booked,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
