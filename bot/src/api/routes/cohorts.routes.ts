import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { createCohort } from "../../usecases/cohorts/create-cohort";
import { updateCohort } from "../../usecases/cohorts/update-cohort";
import { requireAdmin, resolveCohortAccess } from "../../usecases/access";
import { cohortDetail, detailOf, listVisibleCohorts } from "../../usecases/dashboard/cohort-views";
import { API_ROUTES, CohortInput, CohortUpdate, type CohortCreated } from "../../contract/api-contract";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerCohortRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(API_ROUTES.cohorts, guard(async (_req, res, actor) => res.json(await listVisibleCohorts(ctx, actor))));

  server.post(API_ROUTES.cohorts, guard(async (req, res, actor) => {
    requireAdmin(actor);
    const input = parseInput(CohortInput, req.body);
    const { message, ...cohort } = await createCohort(ctx, actor, input);
    const created: CohortCreated = { ...(await detailOf(ctx, cohort, "admin")), message };
    res.status(201);
    res.json(created);
  }));

  server.get("/api/cohorts/:cohortId", guard(async (req, res, actor) => res.json(await cohortDetail(ctx, actor, String(req.params.cohortId)))));

  server.put("/api/cohorts/:cohortId", guard(async (req, res, actor) => {
    requireAdmin(actor);
    await resolveCohortAccess(ctx, actor, String(req.params.cohortId));
    const input = parseInput(CohortUpdate, req.body);
    const saved = await updateCohort(ctx, actor, String(req.params.cohortId), input);
    res.json(await detailOf(ctx, saved, "admin"));
  }));
}
