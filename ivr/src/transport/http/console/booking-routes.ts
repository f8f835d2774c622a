// Booking from the console: the same ledger the phone menu uses, with the agent recorded. An
// agent touches only the holds of their own desk (theirs, their call's, their callback's);
// supervisors any. A new hold replaces the one for the same conversation and person.
import type { Logger } from "pino";
import { Router } from "express";
import type { i18n } from "i18next";
import {
  bookingSearchRequest,
  bookRequest,
  holdRequest,
  rebookRequest,
  searchQuery,
  type CentreOption,
} from "../../../contracts/console-api.ts";
import type { AgentRecord } from "../../../domain/agents/agent-store.ts";
import type { ContactStore } from "../../../domain/contacts/contact-details.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { AgentBookingReads } from "../../../domain/ledger/agent-booking-reads.ts";
import { holdScope } from "../../../domain/ledger/hold-scope.ts";
import type { Ledger } from "../../../domain/ledger/ledger.ts";
import { berlinLocalToUtc } from "../../../domain/time/berlin.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";
import { bookingMatchView, bookingView, heldView, optionView } from "./views.ts";

const PAIRS_PER_CENTRE = 6;

export function bookingRoutes(deps: {
  ledger: Ledger;
  reads: AgentBookingReads;
  contacts: Pick<ContactStore, "saveCallLanguage">;
  i18n: i18n;
  logger: Logger;
}): Router {
  const { ledger } = deps;
  const router = Router();
  router.use(["/api/search", "/api/holds", "/api/bookings"], requireRole(deps.i18n));
  const owner = (agentId: string) => `agent:${agentId}`;
  /** The hold owners an agent acts for; null for a supervisor, who may release any hold. */
  const holdsOf = (agent: AgentRecord): string[] | null =>
    agent.role === "supervisor"
      ? null
      : [
          owner(agent.id),
          ...(agent.currentCallSid ? [agent.currentCallSid] : []),
          ...(agent.currentCallbackId ? [`callback:${agent.currentCallbackId}`] : []),
        ];
  const regionName = (regionId: string) => ledger.geography.region(regionId)?.name ?? regionId;

  router.get(
    "/api/search",
    route(async (req, res) => {
      const q = searchQuery.safeParse(req.query);
      if (!q.success || (!q.data.postcode && !q.data.districtId && !q.data.centreId))
        return sendError(res, req, deps.i18n, 400, "bad_request");
      const after = q.data.from ? new Date(q.data.from) : q.data.date ? midnight(q.data.date) : undefined;
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
      if (!body.success) return sendError(res, req, deps.i18n, 400, refusal(body.error));
      const agent = req.agent!;
      // Checked before anything is released: past the last household member nothing changes.
      const scope = holdScope(
        agent.id,
        { callSid: agent.currentCallSid, callbackId: agent.currentCallbackId },
        body.data.member,
      );
      if (body.data.replaceHoldId) await ledger.releaseHoldOf(body.data.replaceHoldId, holdsOf(agent));
      const held = await ledger.holdFor(body.data.firstSlotId, owner(agent.id), scope);
      res.status(201).json(heldView(held, ledger.geography));
    }),
  );

  router.delete(
    "/api/holds/:holdId",
    route(async (req, res) => {
      await ledger.releaseHoldOf(String(req.params.holdId), holdsOf(req.agent!));
      res.status(204).end();
    }),
  );

  router.post(
    "/api/bookings",
    route(async (req, res) => {
      const body = bookRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, refusal(body.error));
      const { person, holdId, firstSlotId, idempotencyKey } = body.data;
      if (holdId) await ledger.requireHoldAccess(holdId, holdsOf(req.agent!));
      const result = await ledger.book({
        holdId,
        firstSlotId,
        person: { ...person, phone: person.phone || null, nameRecordingUrl: null },
        channel: "agent",
        agentId: req.agent!.id,
        idempotencyKey: `agent:${req.agent!.id}:${idempotencyKey}`,
      });
      // The reminder the day before speaks the language of the call the agent is on. The
      // booking stands either way: a failure here leaves a German reminder, not a 500 that
      // would make the agent think nothing was booked.
      await deps.contacts
        .saveCallLanguage(result.code, {
          callSid: req.agent!.currentCallSid,
          callbackId: req.agent!.currentCallbackId,
        })
        .catch((err: unknown) => deps.logger.warn({ err }, "the booking's call language was not saved"));
      res.status(201).json({ booking: bookingView(await ledger.lookup(result.code), ledger.geography) });
    }),
  );

  // Every route that reaches a booking by its code counts as a lookup for the agent (limited:
  // too_many_lookups); a plain read is also recorded in the booking's audit trail.
  // POST, not GET: a name and a birth date belong in no URL (access logs, proxies, history).
  router.post(
    "/api/bookings/search",
    route(async (req, res) => {
      const body = bookingSearchRequest.safeParse(req.body);
      if (!body.success)
        return sendError(res, req, deps.i18n, 400, "search_invalid", {
          fields: [...new Set(body.error.issues.map((i) => String(i.path[0])))],
        });
      const found = await ledger.findBookingsByPerson(body.data);
      res.json({ bookings: found.map((b) => bookingMatchView(b, ledger.geography)) });
    }),
  );

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
      // The booking keeps its code and its person; only the pair changes.
      await deps.reads.allowLookup(req.agent!.id);
      const body = rebookRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, refusal(body.error));
      const { holdId, firstSlotId, idempotencyKey: key } = body.data;
      if (holdId) await ledger.requireHoldAccess(holdId, holdsOf(req.agent!));
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

/** The typed code for a refused body: its hold id, its person, or else malformed (slot ids out of range, keys). */
function refusal(error: { issues: { path: PropertyKey[] }[] }): "hold_invalid" | "person_invalid" | "bad_request" {
  const fields = error.issues.map((i) => i.path[0]);
  if (fields.includes("holdId") || fields.includes("replaceHoldId")) return "hold_invalid";
  if (fields.includes("person")) return "person_invalid";
  return "bad_request";
}

function midnight(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return berlinLocalToUtc(y, m, d);
}
