import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { acknowledgementRates, getPolicy, listPolicyVersions, previewPolicy, publishPolicy } from "../../usecases/policy/policy-views";
import { API_ROUTES, PublishPolicyRequest } from "../../contract/api-contract";
import { parseInput } from "../http";
import type { RouteGuard } from "../http";

export function registerPolicyRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(API_ROUTES.policy, guard(async (_req, res, actor) => res.json(await getPolicy(ctx, actor))));
  server.post(API_ROUTES.policy, guard(async (req, res, actor) => {
    const published = await publishPolicy(ctx, actor, parseInput(PublishPolicyRequest, req.body));
    res.status(201);
    res.json(published);
  }));
  server.post(API_ROUTES.policyPreview, guard(async (req, res, actor) => res.json(await previewPolicy(ctx, actor, parseInput(PublishPolicyRequest, req.body)))));
  server.get(API_ROUTES.policyVersions, guard(async (_req, res, actor) => res.json(await listPolicyVersions(ctx, actor))));
  server.get(API_ROUTES.policyAcknowledgements, guard(async (_req, res, actor) => res.json(await acknowledgementRates(ctx, actor))));
}
