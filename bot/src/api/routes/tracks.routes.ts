/** Track authoring (admins; facilitators may read a track in full): contract/track-authoring-contract.ts. */
import type { Response, Server } from "restify";
import type { AppContext } from "../../app-context";
import type { ApiErrorBody } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { CreateTrackInput, MoveTrackInput, parseTrackRequest, PreviewTrackInput, SaveTrackInput } from "../../contract/track-authoring-contract";
import { ValidationError } from "../../domain/errors";
import { createTrack, getTrackDetail, moveCohortTrack, previewTrack, saveTrack, TrackConflictError, trackMovePreview } from "../../usecases/tracks/track-authoring";
import type { RouteGuard } from "../http";

/** Parses a track request; every problem is listed by field, in words that say where it is. */
function parse<T>(schema: Parameters<typeof parseTrackRequest<T>>[0], body: unknown): T {
  const result = parseTrackRequest(schema, body);
  if (result.ok) return result.data;
  const shown = result.issues.slice(0, 3).map((i) => i.message).join(" ");
  const more = result.issues.length > 3 ? ` And ${result.issues.length - 3} more.` : "";
  throw new ValidationError(`Please fix ${result.issues.length === 1 ? "this" : "these"}: ${shown}${more}`.slice(0, 600), result.issues);
}

/** A lost save answers 409 with the track as it is now (`current`), so the editor keeps what was typed and shows what changed. */
function sendConflict(res: Response, err: TrackConflictError): void {
  const body: ApiErrorBody & { current: TrackConflictError["current"] } = { error: { code: err.code, message: err.message }, current: err.current };
  res.status(409);
  res.json(body);
}

export function registerTrackRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.trackDetail.path, guard(async (req, res, actor) => {
    res.json(await getTrackDetail(ctx, actor, String(req.params.trackId)));
  }));
  server.post(apiRoutes.createTrack.path, guard(async (req, res, actor) => {
    const created = await createTrack(ctx, actor, parse(CreateTrackInput, req.body));
    res.status(201);
    res.json(created);
  }));
  server.put(apiRoutes.saveTrack.path, guard(async (req, res, actor) => {
    const input = parse(SaveTrackInput, req.body);
    try {
      res.json(await saveTrack(ctx, actor, String(req.params.trackId), input));
    } catch (err) {
      if (err instanceof TrackConflictError) return sendConflict(res, err);
      throw err;
    }
  }));
  server.post(apiRoutes.previewTrack.path, guard(async (req, res, actor) => {
    res.json(await previewTrack(ctx, actor, String(req.params.trackId), parse(PreviewTrackInput, req.body)));
  }));
  server.get(apiRoutes.trackMove.path, guard(async (req, res, actor) => {
    res.json(await trackMovePreview(ctx, actor, String(req.params.cohortId)));
  }));
  server.post(apiRoutes.moveTrack.path, guard(async (req, res, actor) => {
    res.json(await moveCohortTrack(ctx, actor, String(req.params.cohortId), parse(MoveTrackInput, req.body)));
  }));
}
