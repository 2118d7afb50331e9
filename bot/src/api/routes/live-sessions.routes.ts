/** Live sessions in the tab (staff): the cohort's Teams meetings with attendance and catch-up, and the notes for those who missed one. */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { LiveSessionNotesInput } from "../../contract/live-sessions-contract";
import { apiRoutes } from "../../contract/api-routes";
import { cohortLiveSessions, saveLiveSessionNotes } from "../../usecases/live-sessions/live-session-notes";
import { parseInput, type RouteGuard } from "../http";

export function registerLiveSessionRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.liveSessions.path, guard(async (req, res, actor) => {
    res.json(await cohortLiveSessions(ctx, actor, String(req.params.cohortId)));
  }));
  server.put(apiRoutes.saveLiveSessionNotes.path, guard(async (req, res, actor) => {
    const input = parseInput(LiveSessionNotesInput, req.body);
    res.json(await saveLiveSessionNotes(ctx, actor, String(req.params.cohortId), String(req.params.sessionKey), input));
  }));
}
