import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { createCohort } from "../../usecases/cohorts/create-cohort";
import { updateCohort } from "../../usecases/cohorts/update-cohort";
import { cohortDetail, detailOf, listVisibleCohorts } from "../../usecases/dashboard/cohort-views";
import { CohortInput, CohortUpdate, type CohortCreated } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";
import { withReadCount } from "./dashboard.routes";

export function registerCohortRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.cohorts.path, guard(withReadCount(ctx, "cohorts", async (_req, res, actor) => res.json(await listVisibleCohorts(ctx, actor)))));

  server.post(apiRoutes.createCohort.path, guard(async (req, res, actor) => {
    const input = parseInput(CohortInput, req.body);
    const { message, ...cohort } = await createCohort(ctx, actor, input);
    const created: CohortCreated = { ...(await detailOf(ctx, cohort, actor.isAdmin ? "admin" : "facilitator")), message };
    res.status(201);
    res.json(created);
  }));

  server.get(apiRoutes.cohort.path, guard(withReadCount(ctx, "cohort", async (req, res, actor) => res.json(await cohortDetail(ctx, actor, String(req.params.cohortId))))));

  server.put(apiRoutes.updateCohort.path, guard(async (req, res, actor) => {
    const input = parseInput(CohortUpdate, req.body);
    const saved = await updateCohort(ctx, actor, String(req.params.cohortId), input);
    res.json(await detailOf(ctx, saved, "admin"));
  }));
}
