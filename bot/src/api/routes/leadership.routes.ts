import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { HoldLeaderNoteRequest, SaveLeaderNoteRequest, ShareExperimentRequest } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { holdLeaderNote, leaderNote, leaderNoteReview, saveLeaderNote } from "../../usecases/leadership/leader-note";
import { shareExperimentFromTab } from "../../usecases/leadership/share-experiment-from-tab";
import { parseInput, type RouteGuard } from "../http";

export function registerLeadershipRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.post(apiRoutes.shareExperiment.path, guard(async (req, res, actor) => {
    const input = parseInput(ShareExperimentRequest, req.body);
    const shared = await shareExperimentFromTab(ctx, actor, String(req.params.cohortId), input);
    res.status(201);
    res.json(shared);
  }));
  server.get(apiRoutes.leaderNote.path, guard(async (req, res, actor) => res.json(await leaderNote(ctx, actor, String(req.params.cohortId)))));
  server.put(apiRoutes.saveLeaderNote.path, guard(async (req, res, actor) => {
    const input = parseInput(SaveLeaderNoteRequest, req.body);
    res.json(await saveLeaderNote(ctx, actor, String(req.params.cohortId), input));
  }));
  server.get(apiRoutes.leaderNoteReview.path, guard(async (req, res, actor) => res.json(await leaderNoteReview(ctx, actor, String(req.params.cohortId)))));
  server.put(apiRoutes.holdLeaderNote.path, guard(async (req, res, actor) => {
    const input = parseInput(HoldLeaderNoteRequest, req.body);
    res.json(await holdLeaderNote(ctx, actor, String(req.params.cohortId), input));
  }));
}
