/**
 * The facilitator's side of a live session in the tab: the cohort's sessions with attendance and
 * catch-up, and saving what was covered (notes, recording) for those who missed it, optionally
 * sending the catch-up at once instead of 24 hours after attendance was read.
 */
import type { AppContext } from "../../app-context";
import type { LiveSessionDto, LiveSessionNotesInput, LiveSessionsResponse } from "../../contract/live-sessions-contract";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { isSafeIdPart } from "../../domain/ids";
import type { Actor } from "../../domain/types";
import { authorizeCohort } from "../access";
import { changeFollowUp, sendLiveCatchUp } from "./follow-ups";
import { listLiveSessions, toDto } from "./live-session-list";

export async function cohortLiveSessions(ctx: AppContext, actor: Actor, cohortId: string): Promise<LiveSessionsResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "live-sessions.manage", cohortId);
  const { state, sessions } = await listLiveSessions(ctx, cohort);
  return { cohortId: cohort.id, liveSessions: state, sessions };
}

/**
 * Saves the notes and recording link of one live session (last write wins between facilitators;
 * the scheduler's own writes are kept: every write goes through the stored ETag). With
 * `sendCatchUpNow`, the catch-up goes now to those who missed it; it never goes twice.
 */
export async function saveLiveSessionNotes(ctx: AppContext, actor: Actor, cohortId: string, sessionKey: string, input: LiveSessionNotesInput): Promise<LiveSessionDto> {
  const { cohort } = await authorizeCohort(ctx, actor, "live-sessions.manage", cohortId);
  const notFound = () => new NotFoundError("That live session is not part of this cohort.");
  if (!isSafeIdPart(sessionKey)) throw notFound();
  const meeting = (await ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id)).find((m) => m.key === sessionKey && m.state !== "cancelled");
  if (!meeting) throw notFound();
  if (input.sendCatchUpNow) {
    const current = await ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, sessionKey);
    if (current?.attendance.state !== "read") {
      throw new ValidationError("The catch-up can go once the session is over and Teams' attendance has been read.", [{ field: "sendCatchUpNow", message: "The catch-up can be sent once the session is over and its attendance has been read." }]);
    }
  }
  const now = ctx.clock.now().toISOString();
  const saved = await changeFollowUp(ctx, cohort.tenantId, cohort.id, sessionKey, (current) => {
    const { recordingUrl, ...rest } = current;
    const recording = input.recordingUrl === undefined ? recordingUrl : input.recordingUrl || undefined;
    return { ...rest, notes: input.notes, ...(recording ? { recordingUrl: recording } : {}), notesUpdatedAt: now, notesUpdatedBy: actor.userId };
  });
  if (input.sendCatchUpNow && saved && !saved.catchUp.sentAt && (await sendLiveCatchUp(ctx, saved)) > 0) {
    void ctx.outbox.sendSoon(cohort.tenantId, cohort.id);
  }
  const latest = await ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, sessionKey);
  return toDto(meeting, latest ?? saved, cohort.timeZone);
}
