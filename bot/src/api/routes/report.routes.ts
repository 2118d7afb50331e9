import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { apiRoutes } from "../../contract/api-routes";
import { ImpactReportQuery } from "../../contract/impact-report-contract";
import { impactReport } from "../../usecases/dashboard/impact-report";
import { impactReportCsv } from "../../usecases/dashboard/impact-report-csv";
import { parseInput, type RouteGuard } from "../http";

export function registerReportRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.impactReport.path, guard(async (req, res, actor) => res.json(await impactReport(ctx, actor, parseInput(ImpactReportQuery, req.query ?? {})))));
  server.get(apiRoutes.impactReportCsv.path, guard(async (req, res, actor) => {
    const { filename, csv } = await impactReportCsv(ctx, actor, parseInput(ImpactReportQuery, req.query ?? {}));
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` });
    res.end(csv);
  }));
}
