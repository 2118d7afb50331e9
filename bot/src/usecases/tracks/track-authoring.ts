/**
 * Track authoring: an admin copies a built-in track (or one of the organisation's, or starts
 * blank), edits every session, previews the cards exactly as the bot builds them, and saves a new
 * version under the ETag it read. Cohorts keep the version they started on until an admin moves
 * them, after seeing what changes.
 */
import type { AppContext } from "../../app-context";
import { buildApplyCard } from "../../cards/apply.card";
import { buildCheckInCard } from "../../cards/checkin.card";
import { buildSessionBriefCard } from "../../cards/session-brief.card";
import { effectiveLiveSessions, liveSessionFieldIssues, type CreateTrackRequest, type MoveTrackRequest, type PreviewTrackRequest, type PreviewTrackResponse, type SaveTrackRequest, type TrackContent, type TrackDetail, type TrackMovePreview } from "../../contract/track-authoring-contract";
import { ConcurrencyError, NotFoundError, ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { diffTracks } from "../../domain/track-diff";
import { getBuiltInTrack } from "../../domain/tracks";
import { applyVariant, briefExtras } from "../../domain/tracks/session-variant";
import type { Actor, Cohort, Track } from "../../domain/types";
import { authorize, authorizeCohort } from "../access";
import { tabUrl } from "../member/event-cards";
import { trackOfCohort } from "./cohort-track";
import { blankContent, contentOf, newTrackId, trackFromContent } from "./track-content";

/** A save lost to another admin's: carries the track as it is now, so the editor can show both and lose nothing. */
export class TrackConflictError extends ConcurrencyError {
  constructor(
    message: string,
    readonly current: TrackDetail,
  ) {
    super(message);
    this.name = "TrackConflictError";
  }
}

export async function getTrackDetail(ctx: AppContext, actor: Actor, trackId: string): Promise<TrackDetail> {
  await authorize(ctx, actor, "tracks.read");
  const detail = await detailOf(ctx, actor.tenantId, trackId);
  if (!detail) throw new NotFoundError("There is no such track.");
  return detail;
}

async function detailOf(ctx: AppContext, tenantId: string, trackId: string): Promise<TrackDetail | undefined> {
  const authored = await ctx.repos.tracks.head(tenantId, trackId);
  if (authored) return detailOfAuthored(ctx, tenantId, authored);
  const builtIn = getBuiltInTrack(trackId);
  return builtIn && { id: builtIn.id, content: editable(builtIn), version: 0, builtIn: true, cohortsOnOlderVersions: [], ...liveSessionsOfDetail(builtIn) };
}

/** What the editor edits: the track's content with its own live-session list, if it has one (absent: the defaults). */
function editable(track: Track): TrackContent {
  return { ...contentOf(track), ...(track.liveSessions ? { liveSessions: track.liveSessions.map((d) => ({ ...d })) } : {}) };
}

/** The track an edit describes: `content.liveSessions` as given (`[]`: none), or none of its own (the defaults). */
function authored(id: string, content: TrackContent, meta: Parameters<typeof trackFromContent>[2]): Track {
  const { liveSessions: _own, ...track } = trackFromContent(id, content, meta);
  void _own;
  return content.liveSessions ? { ...track, liveSessions: content.liveSessions.map((d) => ({ ...d, title: d.title.trim() })) } : track;
}

function liveSessionsOfDetail(track: Track): Pick<TrackDetail, "effectiveLiveSessions" | "liveSessionsAreDefaults"> {
  const { list, defaults } = effectiveLiveSessions(editable(track));
  return { effectiveLiveSessions: list, liveSessionsAreDefaults: defaults };
}

/** Refuses a live-session list that does not fit the track (a week it has no session for, a key used twice), field by field. */
function checkLiveSessions(track: Track): void {
  const issues = liveSessionFieldIssues(track.liveSessions ?? [], editable(track));
  if (issues.length) throw new ValidationError(`Please fix the live sessions: ${issues.slice(0, 3).map((i) => i.message).join(" ")}`.slice(0, 600), issues);
}

async function detailOfAuthored(ctx: AppContext, tenantId: string, track: Versioned<Track>): Promise<TrackDetail> {
  const latest = track.version ?? 1;
  const cohorts = await ctx.repos.cohorts.list(tenantId);
  return {
    id: track.id,
    content: editable(track),
    version: latest,
    etag: track.etag,
    builtIn: false,
    ...(track.basedOn ? { basedOn: track.basedOn } : {}),
    ...(track.updatedAt ? { updatedAt: track.updatedAt } : {}),
    ...(track.updatedByName ? { updatedByName: track.updatedByName } : {}),
    cohortsOnOlderVersions: cohorts
      .filter((c) => c.trackId === track.id && c.status !== "archived" && c.trackVersion !== undefined && c.trackVersion < latest)
      .map((c) => ({ cohortId: c.id, cohortName: c.name, version: c.trackVersion! })),
    ...liveSessionsOfDetail(track),
  };
}

/** A new track of the organisation's: a copy of `copyOf` (built-in or its own), or blank with one session. Saved as version 1. */
export async function createTrack(ctx: AppContext, actor: Actor, input: CreateTrackRequest): Promise<TrackDetail> {
  await authorize(ctx, actor, "tracks.author");
  let source: Track | undefined;
  if (input.copyOf) {
    source = (await ctx.repos.tracks.get(actor.tenantId, input.copyOf)) ?? getBuiltInTrack(input.copyOf);
    if (!source) throw new ValidationError("The track to copy does not exist.", [{ field: "copyOf", message: "Track to copy: choose a track from the list." }]);
  }
  const content = source ? { ...editable(source), name: input.name } : blankContent(input.name);
  const basedOn = source ? (getBuiltInTrack(source.id) ? source.id : source.basedOn) : undefined;
  const track = authored(newTrackId(input.name), content, { basedOn, checkInCadence: source?.checkInCadence, ...stamp(ctx, actor) });
  const saved = await ctx.repos.tracks.save(actor.tenantId, track, null);
  ctx.logger.info({ tenantId: actor.tenantId, trackId: saved.id, copyOf: input.copyOf ?? null }, "track created");
  return detailOfAuthored(ctx, actor.tenantId, saved);
}

/** Saves the edited content as the next version, if nobody saved since `etag` was read. */
export async function saveTrack(ctx: AppContext, actor: Actor, trackId: string, input: SaveTrackRequest): Promise<TrackDetail> {
  await authorize(ctx, actor, "tracks.author");
  const head = await ctx.repos.tracks.head(actor.tenantId, trackId);
  if (!head) throw new NotFoundError(getBuiltInTrack(trackId) ? "A built-in track can't be changed: copy it, then edit the copy." : "There is no such track.");
  const track = authored(trackId, input.content, { basedOn: head.basedOn, checkInCadence: head.checkInCadence, ...stamp(ctx, actor) });
  checkLiveSessions(track);
  try {
    const saved = await ctx.repos.tracks.save(actor.tenantId, track, input.etag);
    ctx.logger.info({ tenantId: actor.tenantId, trackId, version: saved.version }, "track saved");
    return detailOfAuthored(ctx, actor.tenantId, saved);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    const current = await detailOf(ctx, actor.tenantId, trackId);
    throw new TrackConflictError(err.message, current!);
  }
}

function stamp(ctx: AppContext, actor: Actor): Pick<Track, "updatedAt" | "updatedBy" | "updatedByName"> {
  return { updatedAt: ctx.clock.now().toISOString(), updatedBy: actor.userId, updatedByName: actor.displayName };
}

/** The card a session of the unsaved content will send, built by the same builders the bot uses. */
export async function previewTrack(ctx: AppContext, actor: Actor, trackId: string, input: PreviewTrackRequest): Promise<PreviewTrackResponse> {
  await authorize(ctx, actor, "tracks.author");
  const track = authored(trackId, input.content, {});
  const plain = track.sessions.find((s) => s.number === input.sessionNumber);
  if (!plain) throw new ValidationError(`Session ${input.sessionNumber} is not part of this track.`, [{ field: "sessionNumber", message: `Session: choose one of 1 to ${track.sessions.length}.` }]);
  const session = applyVariant(plain, input.seniority);
  const cohortName = "Your cohort";
  const card =
    input.card === "brief"
      ? buildSessionBriefCard({ cohortName, sessionNumber: session.number, sessionTitle: session.title, learn: session.learn, tabUrl: tabUrl(ctx), ...briefExtras(track, session, input.seniority ? { seniority: input.seniority } : {}) })
      : input.card === "apply"
        ? buildApplyCard({ cohortId: "preview", cohortName, sessionNumber: session.number, prompt: session.apply.prompt, examples: session.apply.examples })
        : buildCheckInCard({ cohortId: "preview", cohortName, sessionNumber: session.number, sessionTitle: session.title, reflectQuestions: session.reflectQuestions, userId: actor.userId });
  return { card, sizeBytes: Buffer.byteLength(JSON.stringify(card), "utf8") };
}

/** What moving the cohort to its track's latest version changes, field by field. */
export async function trackMovePreview(ctx: AppContext, actor: Actor, cohortId: string): Promise<TrackMovePreview> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.track-move", cohortId);
  const latest = await ctx.repos.tracks.head(cohort.tenantId, cohort.trackId);
  if (!latest) throw new ValidationError("This cohort follows a built-in track: there is no other version to move to.", [{ field: "trackId", message: "Built-in tracks have one version." }]);
  return moveFrom(ctx, cohort, latest.version ?? 1);
}

async function moveFrom(ctx: AppContext, cohort: Cohort, toVersion: number): Promise<TrackMovePreview> {
  const [from, to] = await Promise.all([trackOfCohort(ctx.repos.tracks, cohort), ctx.repos.tracks.get(cohort.tenantId, cohort.trackId, toVersion)]);
  if (!from || !to) throw new ValidationError(`Version ${toVersion} of this track does not exist.`, [{ field: "toVersion", message: "Version: choose a saved version of the track." }]);
  return { cohortId: cohort.id, trackId: cohort.trackId, fromVersion: from.version ?? 0, toVersion, diff: diffTracks(from, to) };
}

/** Moves the cohort to `toVersion` of its track (its ETag as read): its next cards follow that version. Returns what changed. */
export async function moveCohortTrack(ctx: AppContext, actor: Actor, cohortId: string, input: MoveTrackRequest): Promise<TrackMovePreview> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.track-move", cohortId);
  const move = await moveFrom(ctx, cohort, input.toVersion);
  const { etag: _read, ...current } = cohort;
  void _read;
  await ctx.repos.cohorts.update({ ...current, trackVersion: input.toVersion, updatedAt: ctx.clock.now().toISOString() }, input.etag);
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId, trackId: cohort.trackId, from: move.fromVersion, to: input.toVersion }, "cohort moved to another track version");
  return move;
}
