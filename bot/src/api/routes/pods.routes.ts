/** Practice pods (staff): the cohort's pods with message counts only, and splitting the cohort into pods. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { PodsInput } from "../../contract/live-sessions-contract";
import { apiRoutes } from "../../contract/api-routes";
import { cohortPods, savePods } from "../../usecases/pods/pods";
import { parseInput, type RouteGuard } from "../http";

export function registerPodRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.pods.path, guard(async (req, res, actor) => {
    res.json(await cohortPods(ctx, actor, String(req.params.cohortId)));
  }));
  server.put(apiRoutes.savePods.path, guard(async (req, res, actor) => {
    const input = parseInput(PodsInput, req.body);
    res.json(await savePods(ctx, actor, String(req.params.cohortId), input));
  }));
}
