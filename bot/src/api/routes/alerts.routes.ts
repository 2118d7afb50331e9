/** Help requests in the tab: a facilitator marks one resolved once the member is unblocked. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { apiRoutes } from "../../contract/api-routes";
import type { ResolveAlertResponse } from "../../contract/api-contract";
import { NotFoundError } from "../../domain/errors";
import { resolveAlert } from "../../usecases/member/acknowledge-alert";
import type { RouteGuard } from "../http";

export function registerAlertRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.post(apiRoutes.resolveAlert.path, guard(async (req, res, actor) => {
    const alertId = String(req.params.alertId);
    // Alert ids are built by ids.alertId (letters, digits, ':', '-', '.'); anything else names nothing.
    if (!/^[\w:.-]{1,512}$/.test(alertId)) throw new NotFoundError();
    const { alert } = await resolveAlert(ctx, actor, { cohortId: String(req.params.cohortId), alertId });
    const body: ResolveAlertResponse = { alertId: alert.id, resolvedAt: alert.resolvedAt! };
    res.json(body);
  }));
}
