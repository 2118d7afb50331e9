/**
 * The catch-up card a member gets after missing a live session, built at send time from the
 * records as they are then (the facilitator may have added notes or the recording since).
 */
import type { AppContext } from "../../app-context";
import { buildLiveCatchUpCard } from "../../cards/live-catch-up.card";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Cohort, UserId } from "../../domain/types";
import { tabUrl } from "../member/event-cards";
import { trackOfCohort } from "../tracks/cohort-track";
import { absentees, LIVE_CATCH_UP_PREFIX } from "./follow-ups";

export type LiveCatchUpDecision = { send: { card: AdaptiveCardJson; summary: string } } | { skip: string };

export async function liveCatchUpFor(ctx: AppContext, cohort: Cohort, eventKey: string, userId: UserId): Promise<LiveCatchUpDecision> {
  const key = eventKey.slice(LIVE_CATCH_UP_PREFIX.length);
  const [followUp, meetings, membership, track] = await Promise.all([
    ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, key),
    ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.memberships.get(cohort.tenantId, cohort.id, userId),
    trackOfCohort(ctx.repos.tracks, cohort),
  ]);
  if (!membership) return { skip: "no longer a member of the cohort" };
  const meeting = meetings.find((m) => m.key === key);
  if (!meeting || !followUp) return { skip: "the live session no longer exists" };
  if (!absentees(followUp).includes(userId)) return { skip: "the member came to the live session" };
  const session = track?.sessions.find((s) => s.number === meeting.sessionNumber);
  const now = ctx.clock.now().toISOString();
  const next = meetings
    .filter((m) => m.state === "scheduled" && m.startsAt > now && m.joinUrl?.startsWith("https://"))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  const card = buildLiveCatchUpCard({
    cohortName: cohort.name,
    liveSession: { title: meeting.title, startsAt: meeting.startsAt },
    ...(session ? { plan: { sessionNumber: session.number, title: session.title, summary: session.learn.summary, tryThis: session.learn.tryThis } } : {}),
    ...(followUp.notes ? { notes: followUp.notes } : {}),
    ...(followUp.recordingUrl ? { recordingUrl: followUp.recordingUrl } : {}),
    ...(next?.joinUrl ? { next: { title: next.title, startsAt: next.startsAt, joinUrl: next.joinUrl } } : {}),
    tabUrl: tabUrl(ctx),
  });
  return { send: { card, summary: `What the live session covered: ${meeting.title}` } };
}
