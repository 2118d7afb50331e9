/**
 * A cohort's practice pods, for its staff: who is in which pod, whether its Teams chat is ready,
 * how active it is (message counts only) and how many exercises it was sent; and splitting the
 * cohort, automatically (mixing confidence) or by hand. The chats themselves are made by the
 * scheduler (scheduler/pods-sync.ts) once the split is saved.
 *
 * A split can be replaced only while no pod has a chat (every pod "failed"): once chats exist,
 * splitting again would leave people in old chats, so it is refused (409) and newcomers stay
 * "unassigned".
 */
import type { AppContext } from "../../app-context";
import type { PodDto, PodsInput, PodsResponse } from "../../contract/live-sessions-contract";
import { ConcurrencyError, ValidationError } from "../../domain/errors";
import { podsOf, podWeekOf, splitIntoPods, validateManualSplit, type PodActivity, type PodSplit } from "../../domain/pods";
import type { Versioned } from "../../domain/ports";
import type { Actor, Cohort, Membership, UserId } from "../../domain/types";
import { authorizeCohort } from "../access";
import { liveSessionsState } from "../live-sessions/meeting-links";

export async function cohortPods(ctx: AppContext, actor: Actor, cohortId: string): Promise<PodsResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "pods.manage", cohortId);
  const [split, members] = await Promise.all([ctx.repos.pods.get(cohort.tenantId, cohort.id), ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id)]);
  return respond(ctx, cohort, split, members);
}

export async function savePods(ctx: AppContext, actor: Actor, cohortId: string, input: PodsInput): Promise<PodsResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "pods.manage", cohortId);
  if ((await liveSessionsState(ctx, cohort.tenantId)) === "off") {
    const message = "Practice pods meet in Teams group chats, which need live sessions: they are not turned on for your organisation.";
    throw new ValidationError(message, [{ field: "mode", message }]);
  }
  if (!ctx.config.liveSessions?.teamsAppCatalogId) {
    // Without it each pod's chat would be created and then left without the app: refuse before any chat exists.
    const message = "Practice pods need Cohort Coach's id in your organisation's Teams app catalogue (TEAMS_APP_CATALOG_ID) before their chats can be made: ask an admin to set it.";
    throw new ValidationError(message, [{ field: "mode", message }]);
  }
  const [existing, members] = await Promise.all([ctx.repos.pods.get(cohort.tenantId, cohort.id), ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id)]);
  if (existing && existing.pods.some((p) => p.chat !== "failed")) {
    throw new ConcurrencyError(
      "This cohort's pods already have their Teams chats (or they are being created). Splitting again would leave people in the old chats, so it cannot be done now; members who joined since stay unassigned.",
    );
  }
  const groups = input.mode === "auto" ? splitIntoPods(await candidates(ctx, cohort, members)) : validateManualSplit(input.pods, new Set(members.map((m) => m.userId)));
  const now = ctx.clock.now().toISOString();
  const split: PodSplit = { tenantId: cohort.tenantId, cohortId: cohort.id, pods: podsOf(groups), mode: input.mode, createdAt: now, createdBy: actor.userId, updatedAt: now };
  const saved = await ctx.repos.pods.save(split, existing?.etag);
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, pods: saved.pods.length, mode: input.mode }, "cohort split into practice pods");
  return respond(ctx, cohort, saved, members);
}

/** Each member with their last confidence (their latest check-in's). */
async function candidates(ctx: AppContext, cohort: Cohort, members: Membership[]) {
  const { checkIns } = await ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id);
  const latest = new Map<UserId, { session: number; confidence: number }>();
  for (const c of checkIns) {
    const seen = latest.get(c.userId);
    if (!seen || c.sessionNumber > seen.session) latest.set(c.userId, { session: c.sessionNumber, confidence: c.confidence });
  }
  return members.map((m) => ({ userId: m.userId, ...(latest.has(m.userId) ? { confidence: latest.get(m.userId)!.confidence } : {}) }));
}

async function respond(ctx: AppContext, cohort: Cohort, split: Versioned<PodSplit> | undefined, members: Membership[]): Promise<PodsResponse> {
  const liveSessions = await liveSessionsState(ctx, cohort.tenantId);
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  if (!split) return { cohortId: cohort.id, liveSessions, pods: [], unassigned: members.map((m) => ({ userId: m.userId, displayName: m.displayName })) };
  const activity = await ctx.repos.pods.listActivity(cohort.tenantId, cohort.id);
  const thisWeek = podWeekOf(ctx.clock.now(), cohort.timeZone);
  const placed = new Set(split.pods.flatMap((p) => p.memberIds));
  const pods: PodDto[] = split.pods.map((p) => ({
    id: p.id,
    name: p.name,
    // Someone who left the cohort since is still in the chat, but no longer named here.
    members: p.memberIds.filter((id) => names.has(id)).map((userId) => ({ userId, displayName: names.get(userId)! })),
    chat: p.chat,
    ...(p.problem ? { problem: p.problem } : {}),
    activity: activityOf(activity.filter((a) => a.podId === p.id), thisWeek),
    exercisesPosted: (p.exercisesPosted ?? []).length,
  }));
  return {
    cohortId: cohort.id,
    liveSessions,
    pods,
    unassigned: members.filter((m) => !placed.has(m.userId)).map((m) => ({ userId: m.userId, displayName: m.displayName })),
    etag: split.etag,
  };
}

function activityOf(weeks: PodActivity[], thisWeek: string): PodDto["activity"] {
  const lastActiveOn = weeks.map((w) => w.lastActiveOn).sort().at(-1);
  return {
    thisWeek: weeks.filter((w) => w.week === thisWeek).reduce((n, w) => n + w.count, 0),
    total: weeks.reduce((n, w) => n + w.count, 0),
    ...(lastActiveOn ? { lastActiveOn } : {}),
  };
}
