import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { acknowledgementRates, getPolicy, listPolicyVersions, previewPolicy, publishPolicy } from "../../usecases/policy/policy-views";
import { PublishPolicyRequest } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerPolicyRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.policy.path, guard(async (_req, res, actor) => res.json(await getPolicy(ctx, actor))));
  server.post(apiRoutes.publishPolicy.path, guard(async (req, res, actor) => {
    const published = await publishPolicy(ctx, actor, parseInput(PublishPolicyRequest, req.body));
    res.status(201);
    res.json(published);
  }));
  server.post(apiRoutes.policyPreview.path, guard(async (req, res, actor) => res.json(await previewPolicy(ctx, actor, parseInput(PublishPolicyRequest, req.body)))));
  server.get(apiRoutes.policyVersions.path, guard(async (_req, res, actor) => res.json(await listPolicyVersions(ctx, actor))));
  server.get(apiRoutes.policyAcknowledgements.path, guard(async (_req, res, actor) => res.json(await acknowledgementRates(ctx, actor))));
}
