/** The facilitator's run-sheet for one live session, in the tab's Live sessions view. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { apiRoutes } from "../../contract/api-routes";
import { runSheet } from "../../usecases/live-sessions/run-sheet";
import type { RouteGuard } from "../http";

export function registerRunSheetRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.runSheet.path, guard(async (req, res, actor) => {
    const session = (req.query as { session?: unknown } | undefined)?.session;
    res.json(await runSheet(ctx, actor, String(req.params.cohortId), session === undefined ? undefined : String(session)));
  }));
}
