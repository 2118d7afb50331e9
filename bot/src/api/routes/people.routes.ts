/** The people picker's source outside Teams: `GET /api/people?search=`. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { searchPeople } from "../../usecases/cohorts/people";
import { apiRoutes } from "../../contract/api-routes";
import type { RouteGuard } from "../http";

export function registerPeopleRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.people.path, guard(async (req, res, actor) => {
    const raw = (req.query as Record<string, unknown> | undefined)?.search;
    res.json(await searchPeople(ctx, actor, typeof raw === "string" ? raw : ""));
  }));
}
