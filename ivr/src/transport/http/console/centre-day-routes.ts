// The centre's day: a centre account sees and marks only its own centre's list (its centre id
// comes from the session, never from the request alone); supervisors may open any centre's.
// The counts of every centre are for supervisors.
import { Router, type Request } from "express";
import type { i18n } from "i18next";
import { attendanceRequest, wastedRequest, type CentreDayView } from "../../../contracts/centre-day-api.ts";
import { rowIdParam } from "../../../contracts/console-api.ts";
import { renderDayList, renderDayReport } from "../../../adapters/letters/pdf-centre-day.ts";
import type { CentreDay } from "../../../domain/centre-day/centre-day.ts";
import { dayReportCsv } from "../../../domain/centre-day/day-report-csv.ts";
import { DomainError } from "../../../domain/errors.ts";
import { formatBookingCode } from "../../../domain/ledger/booking-code.ts";
import { route, sendError } from "../http-errors.ts";
import { requireRole } from "./session-auth.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(s));

export function centreDayRoutes(deps: { centreDay: CentreDay; i18n: i18n; now: () => Date }): Router {
  const router = Router();
  const base = "/api/centres/:centreId/days/:day";
  router.use("/api/centres", requireRole(deps.i18n, "centre"));
  router.use("/api/centres", (_req, res, next) => void (res.setHeader("Cache-Control", "no-store"), next()));

  /** The centre and day asked for, once the account may see them; null after answering. */
  const target = (req: Request, res: Parameters<typeof sendError>[0]) => {
    const centreId = rowIdParam.safeParse(req.params.centreId);
    const day = String(req.params.day);
    if (!centreId.success || !isDay(day)) return (sendError(res, req, deps.i18n, 404, "not_found"), null);
    if (req.agent!.role === "centre" && req.agent!.centreId !== centreId.data)
      return (sendError(res, req, deps.i18n, 403, "centre_other"), null);
    return { centreId: centreId.data, day };
  };

  // The centres an account may open: every centre for supervisors, its own for a centre account.
  router.get(
    "/api/centres",
    route(async (req, res) => {
      const all = deps.centreDay.centres();
      const mine = req.agent!.role === "centre" ? all.filter((c) => c.id === req.agent!.centreId) : all;
      res.json({ centres: mine.map((c) => ({ id: c.id, name: c.name, city: c.city })) });
    }),
  );

  router.get(
    base,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const [list, report] = await Promise.all([
        deps.centreDay.list(t.centreId, t.day),
        deps.centreDay.report(t.centreId, t.day),
      ]);
      res.json({
        centre: { id: list.centre.id, name: list.centre.name, city: list.centre.city },
        day: t.day,
        dosesWasted: report.dosesWasted,
        entries: list.entries.map((e) => ({
          ...e,
          code: formatBookingCode(e.code),
          startsAt: e.startsAt.toISOString(),
        })),
      } satisfies CentreDayView);
    }),
  );

  router.get(
    `${base}/pdf`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const list = await deps.centreDay.list(t.centreId, t.day);
      const pdf = await renderDayList(list.centre, t.day, list.entries, deps.now());
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `inline; filename="tagesliste-${t.centreId}-${t.day}.pdf"`);
      res.end(pdf);
    }),
  );

  router.post(
    `${base}/attendance`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const body = attendanceRequest.safeParse(req.body);
      if (!body.success) return sendError(res, req, deps.i18n, 400, "bad_request");
      const { bookingId, dose, attendance } = body.data;
      await deps.centreDay.mark(t.centreId, bookingId, dose, attendance, req.agent!.id, deps.now());
      res.json(body.data);
    }),
  );

  router.post(
    `${base}/wasted`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const body = wastedRequest.safeParse(req.body);
      if (!body.success) throw new DomainError("day_report_invalid");
      await deps.centreDay.setWasted(t.centreId, t.day, body.data.doses, req.agent!.id, deps.now());
      res.json(body.data);
    }),
  );

  router.get(
    `${base}/report`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const { centre, ...figures } = await deps.centreDay.report(t.centreId, t.day);
      res.json({ centre: { id: centre.id, name: centre.name, city: centre.city }, ...figures });
    }),
  );

  router.get(
    `${base}/report/csv`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const csv = dayReportCsv(await deps.centreDay.report(t.centreId, t.day));
      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="tagesbericht-${t.centreId}-${t.day}.csv"`);
      res.end(csv);
    }),
  );

  router.get(
    `${base}/report/pdf`,
    route(async (req, res) => {
      const t = target(req, res);
      if (!t) return;
      const pdf = await renderDayReport(await deps.centreDay.report(t.centreId, t.day), deps.now());
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `inline; filename="tagesbericht-${t.centreId}-${t.day}.pdf"`);
      res.end(pdf);
    }),
  );

  router.get(
    "/api/supervisor/centre-days/:day/counts",
    requireRole(deps.i18n, "supervisor"),
    route(async (req, res) => {
      const day = String(req.params.day);
      if (!isDay(day)) return sendError(res, req, deps.i18n, 404, "not_found");
      const counts = await deps.centreDay.counts(day);
      res.json({
        day,
        centres: counts.map((c) => ({ ...c, centreName: deps.centreDay.centre(c.centreId).name })),
      });
    }),
  );
  return router;
}
