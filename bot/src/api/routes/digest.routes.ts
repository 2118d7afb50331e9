/** "Before session n+1" in the tab: the digest of a session, and publishing the next brief's opening. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { PublishDigestRequest } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { NotFoundError } from "../../domain/errors";
import { publishDigest, sessionDigest } from "../../usecases/digest/session-digest";
import { parseInput, type RouteGuard } from "../http";

export function registerDigestRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.digest.path, guard(async (req, res, actor) => {
    const session = (req.query as { session?: unknown } | undefined)?.session;
    res.json(await sessionDigest(ctx, actor, String(req.params.cohortId), session === undefined ? undefined : sessionNumberOf(session)));
  }));
  server.post(apiRoutes.publishDigest.path, guard(async (req, res, actor) => {
    const input = parseInput(PublishDigestRequest, req.body);
    res.json(await publishDigest(ctx, actor, String(req.params.cohortId), sessionNumberOf(req.params.sessionNumber), input));
  }));
}

/** A session number, or "not found": there is no such session to show. */
function sessionNumberOf(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 52) throw new NotFoundError("That session has no digest.");
  return n;
}
