import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { WinsFeedQuery } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { listWinsChannels, winsFeed } from "../../usecases/dashboard/wins";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerWinRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.wins.path, guard(async (req, res, actor) => res.json(await winsFeed(ctx, actor, String(req.params.cohortId), parseInput(WinsFeedQuery, req.query ?? {})))));
  server.get(apiRoutes.winsChannels.path, guard(async (_req, res, actor) => res.json(await listWinsChannels(ctx, actor))));
}
