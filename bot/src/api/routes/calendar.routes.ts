import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { TenantCalendarInput } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { getTenantCalendar, saveTenantCalendar } from "../../usecases/calendar/tenant-calendar";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerCalendarRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.tenantCalendar.path, guard(async (_req, res, actor) => res.json(await getTenantCalendar(ctx, actor))));
  server.put(apiRoutes.saveTenantCalendar.path, guard(async (req, res, actor) => res.json(await saveTenantCalendar(ctx, actor, parseInput(TenantCalendarInput, req.body)))));
}
