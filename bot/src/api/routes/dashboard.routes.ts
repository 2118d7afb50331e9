import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { authorize } from "../../usecases/access";
import { leadershipView } from "../../usecases/dashboard/leadership";
import { metricsCsv } from "../../usecases/dashboard/metrics-csv";
import { deliveryStatus } from "../../usecases/dashboard/message-status";
import { cohortProgress, cohortTimeline } from "../../usecases/dashboard/progress";
import { apiRoutes } from "../../contract/api-routes";
import type { RouteGuard } from "../http";

export function registerDashboardRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.timeline.path, guard(async (req, res, actor) => res.json(await cohortTimeline(ctx, actor, String(req.params.cohortId)))));
  server.get(apiRoutes.progress.path, guard(async (req, res, actor) => res.json(await cohortProgress(ctx, actor, String(req.params.cohortId)))));
  server.get(apiRoutes.deliveries.path, guard(async (req, res, actor) => res.json(await deliveryStatus(ctx, actor, String(req.params.cohortId)))));
  server.get(apiRoutes.metricsCsv.path, guard(async (req, res, actor) => {
    const { filename, csv } = await metricsCsv(ctx, actor, String(req.params.cohortId));
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` });
    res.end(csv);
  }));
  server.get(apiRoutes.leadership.path, guard(async (_req, res, actor) => {
    await authorize(ctx, actor, "leadership.read");
    res.json(await leadershipView(ctx, actor));
  }));
}
