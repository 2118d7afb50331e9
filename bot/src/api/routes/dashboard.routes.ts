import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { authorize } from "../../usecases/access";
import { leadershipView } from "../../usecases/dashboard/leadership";
import { metricsCsv } from "../../usecases/dashboard/metrics-csv";
import { recomputeCohortFigures } from "../../usecases/dashboard/cohort-figures";
import { deliveryStatus } from "../../usecases/dashboard/message-status";
import { cohortProgress, cohortTimeline } from "../../usecases/dashboard/progress";
import { apiRoutes } from "../../contract/api-routes";
import type { RouteGuard } from "../http";
import { countReads } from "../../store/read-counter";
import type { Request, Response } from "restify";
import type { Actor } from "../../domain/types";

type Handler = (req: Request, res: Response, actor: Actor) => Promise<unknown>;

/**
 * A dashboard route whose store reads are counted (store/read-counter.ts) and logged at debug
 * level: documents read, queries and point reads per request, which must not grow with the cohort.
 */
export function withReadCount(ctx: AppContext, route: string, handler: Handler): (req: Request, res: Response, actor: Actor) => Promise<void> {
  return async (req, res, actor) => {
    const { reads } = await countReads(() => handler(req, res, actor));
    ctx.logger.debug({ route, ...reads }, "dashboard reads");
  };
}

export function registerDashboardRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.timeline.path, guard(withReadCount(ctx, "timeline", async (req, res, actor) => res.json(await cohortTimeline(ctx, actor, String(req.params.cohortId))))));
  server.get(apiRoutes.progress.path, guard(withReadCount(ctx, "progress", async (req, res, actor) => {
    const cursor = typeof req.query?.cursor === "string" && req.query.cursor.length > 0 ? req.query.cursor : undefined;
    res.json(await cohortProgress(ctx, actor, String(req.params.cohortId), cursor));
  })));
  server.get(apiRoutes.deliveries.path, guard(async (req, res, actor) => res.json(await deliveryStatus(ctx, actor, String(req.params.cohortId)))));
  server.get(apiRoutes.metricsCsv.path, guard(withReadCount(ctx, "metricsCsv", async (req, res, actor) => {
    const { filename, csv } = await metricsCsv(ctx, actor, String(req.params.cohortId));
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` });
    res.end(csv);
  })));
  server.post(apiRoutes.recomputeFigures.path, guard(async (req, res, actor) => res.json(await recomputeCohortFigures(ctx, actor, String(req.params.cohortId)))));
  server.get(apiRoutes.leadership.path, guard(withReadCount(ctx, "leadership", async (_req, res, actor) => {
    await authorize(ctx, actor, "leadership.read");
    res.json(await leadershipView(ctx, actor));
  })));
}
