// Booking from the console: the same ledger the phone menu uses, with the agent recorded.
import { Router } from "express";
import type { i18n } from "i18next";
import { bookRequest, holdRequest, searchQuery, type CentreOption } from "../../../contracts/console-api.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { AgentBookingReads } from "../../../domain/ledger/agent-booking-reads.ts";
import type { Ledger } from "../../../domain/ledger/ledger.ts";
import { berlinLocalToUtc } from "../../../domain/time/berlin.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";
import { bookingView, heldView, optionView } from "./views.ts";

const PAIRS_PER_CENTRE = 6;

export function bookingRoutes(deps: { ledger: Ledger; reads: AgentBookingReads; i18n: i18n }): Router {
  const { ledger } = deps;
  const router = Router();
  router.use(["/api/search", "/api/holds", "/api/bookings"], requireRole(deps.i18n));
  const owner = (agentId: string) => `agent:${agentId}`;
  const regionName = (regionId: string) => ledger.geography.region(regionId)?.name ?? regionId;

  router.get(
    "/api/search",
    route(async (req, res) => {
      const q = searchQuery.safeParse(req.query);
      if (!q.success || (!q.data.postcode && !q.data.districtId && !q.data.centreId))
        return sendError(res, req, deps.i18n, 400, "bad_request");
      const after = q.data.date ? midnight(q.data.date) : undefined;
      const from = ledger.offerFrom(after);
      const withPairs = async (a: Parameters<typeof optionView>[0]): Promise<CentreOption> =>
        optionView(
          a,
          await ledger.freePairs(a.centre.id, { after, limit: PAIRS_PER_CENTRE }),
          regionName(a.district.regionId),
        );
      if (q.data.postcode) {
        const answer = await ledger.availability.forPostcode(q.data.postcode, from);
        const options = await Promise.all([...answer.areas, ...answer.alternatives].map(withPairs));
        return void res.json({ options, regionFull: answer.regionFull });
      }
      const centreId = q.data.centreId ?? ledger.geography.district(q.data.districtId!)?.centre.id;
      if (centreId === undefined) throw new DomainError("centre_unknown");
      const here = await ledger.availability.forCentre(centreId, from);
      const nearby = here.earliest ? [] : await ledger.availability.nearestWithFree(centreId, from, 3);
      const regionFull = here.earliest
        ? false
        : !(await ledger.availability.regionHasFree(here.district.regionId, from));
      res.json({ options: await Promise.all([here, ...nearby].map(withPairs)), regionFull });
    }),
  );

  router.post(
    "/api/holds",
    route(async (req, res) => {
      const body = holdRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const held = await ledger.hold(body.data.firstSlotId, owner(req.agent!.id), body.data.replaceHoldId);
      res.status(201).json(heldView(held));
    }),
  );

  router.delete(
    "/api/holds/:holdId",
    route(async (req, res) => {
      await ledger.releaseHold(String(req.params.holdId));
      res.status(204).end();
    }),
  );

  router.post(
    "/api/bookings",
    route(async (req, res) => {
      const body = bookRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "person_invalid");
      const { person, holdId, firstSlotId, idempotencyKey } = body.data;
      const result = await ledger.book({
        holdId,
        firstSlotId,
        person: { ...person, phone: person.phone || null, nameRecordingUrl: null },
        channel: "agent",
        agentId: req.agent!.id,
        idempotencyKey: `agent:${req.agent!.id}:${idempotencyKey}`,
      });
      res.status(201).json({ booking: bookingView(await ledger.lookup(result.code), ledger.geography) });
    }),
  );

  // Every route that reaches a booking by its code counts as a lookup for the agent (limited:
  // too_many_lookups); a plain read is also recorded in the booking's audit trail.
  router.get(
    "/api/bookings/:code",
    route(async (req, res) => {
      const booking = await deps.reads.read(String(req.params.code), req.agent!.id);
      res.json({ booking: bookingView(booking, ledger.geography) });
    }),
  );

  router.post(
    "/api/bookings/:code/cancel",
    route(async (req, res) => {
      await deps.reads.allowLookup(req.agent!.id);
      const cancelled = await ledger.cancel(String(req.params.code), "agent", req.agent!.id);
      res.json({ booking: bookingView(cancelled, ledger.geography) });
    }),
  );

  router.post(
    "/api/bookings/:code/rebook",
    route(async (req, res) => {
      const holdId = typeof req.body?.holdId === "string" ? req.body.holdId : undefined;
      const firstSlotId = Number.isInteger(req.body?.firstSlotId) ? (req.body.firstSlotId as number) : undefined;
      const key = typeof req.body?.idempotencyKey === "string" ? req.body.idempotencyKey.slice(0, 100) : null;
      if ((!holdId && firstSlotId === undefined) || !key) return sendError(res, req, deps.i18n, 400, "bad_request");
      // The booking keeps its code and its person; only the pair changes.
      await deps.reads.allowLookup(req.agent!.id);
      const existing = await ledger.lookup(String(req.params.code));
      const result = await ledger.rebook(existing.code, {
        holdId,
        firstSlotId,
        channel: "agent",
        agentId: req.agent!.id,
        idempotencyKey: `agent:${req.agent!.id}:${key}`,
      });
      res.json({ booking: bookingView(await ledger.lookup(result.code), ledger.geography) });
    }),
  );
  return router;
}

function midnight(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return berlinLocalToUtc(y, m, d);
}
