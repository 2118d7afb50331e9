import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { MeasuredUsageInput } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { getMeasuredUsage, setMeasuredUsage } from "../../usecases/usage/measured-usage-settings";
import { parseInput, type RouteGuard } from "../http";

export function registerMeasuredUsageRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.measuredUsage.path, guard(async (_req, res, actor) => res.json(await getMeasuredUsage(ctx, actor))));
  server.put(apiRoutes.saveMeasuredUsage.path, guard(async (req, res, actor) => res.json(await setMeasuredUsage(ctx, actor, parseInput(MeasuredUsageInput, req.body)))));
}
