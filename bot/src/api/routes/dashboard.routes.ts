import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { leadershipView } from "../../usecases/dashboard/leadership";
import { metricsCsv } from "../../usecases/dashboard/metrics-csv";
import { cohortProgress, cohortTimeline, deliveryStatus } from "../../usecases/dashboard/progress";
import { API_ROUTES } from "../../contract/api-contract";
import type { RouteGuard } from "../http";

export function registerDashboardRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get("/api/cohorts/:cohortId/timeline", guard(async (req, res, actor) => res.json(await cohortTimeline(ctx, actor, String(req.params.cohortId)))));
  server.get("/api/cohorts/:cohortId/progress", guard(async (req, res, actor) => res.json(await cohortProgress(ctx, actor, String(req.params.cohortId)))));
  server.get("/api/cohorts/:cohortId/deliveries", guard(async (req, res, actor) => res.json(await deliveryStatus(ctx, actor, String(req.params.cohortId)))));
  server.get("/api/cohorts/:cohortId/metrics.csv", guard(async (req, res, actor) => {
    const { filename, csv } = await metricsCsv(ctx, actor, String(req.params.cohortId));
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` });
    res.end(csv);
  }));
  server.get(API_ROUTES.leadership, guard(async (_req, res, actor) => res.json(await leadershipView(ctx, actor))));
}
