/** An admin edits a cohort. ETag-guarded: a stale edit is refused with a clear conflict, not applied. */
import type { AppContext } from "../../app-context";
import type { CohortUpdate } from "../../api/contract";
import { validateCohortSchedule } from "../../domain/cohort-rules";
import { ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { resolveTrack } from "../../domain/tracks";
import type { Actor, Cohort } from "../../domain/types";
import { requireAdmin, resolveCohortAccess } from "../access";

export async function updateCohort(ctx: AppContext, actor: Actor, cohortId: string, input: CohortUpdate): Promise<Versioned<Cohort>> {
  requireAdmin(actor);
  const { cohort } = await resolveCohortAccess(ctx, actor, cohortId);
  if (!resolveTrack(input.trackId, await ctx.repos.tracks.list(actor.tenantId))) throw new ValidationError("That track does not exist.", [{ field: "trackId", message: "must be one of the available tracks" }]);
  const leadership = input.leadershipCohortId ? await ctx.repos.cohorts.get(actor.tenantId, input.leadershipCohortId) : undefined;
  validateCohortSchedule({ kind: input.kind, startDate: input.startDate, timeZone: input.timeZone, leadershipCohortId: input.leadershipCohortId }, leadership);
  const { etag: _stale, ...current } = cohort;
  void _stale;
  const next: Cohort = {
    ...current,
    name: input.name,
    kind: input.kind,
    trackId: input.trackId,
    startDate: input.startDate,
    timeZone: input.timeZone,
    localTime: input.localTime,
    facilitatorIds: input.facilitatorIds,
    leadershipCohortId: input.leadershipCohortId,
    winsChannel: input.winsChannel ? { ...current.winsChannel, ...input.winsChannel } : undefined,
    status: input.status ?? current.status,
    updatedAt: ctx.clock.now().toISOString(),
  };
  const saved = await ctx.repos.cohorts.update(next, input.etag);
  const existing = await ctx.repos.memberships.listByCohort(actor.tenantId, cohortId);
  const wanted = new Map(input.members.map((m) => [m.userId, m]));
  for (const m of existing) if (!wanted.has(m.userId)) await ctx.repos.memberships.remove(actor.tenantId, cohortId, m.userId);
  const now = ctx.clock.now().toISOString();
  await ctx.repos.memberships.upsertMany([...wanted.values()].map((m) => ({ tenantId: actor.tenantId, cohortId, userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}), joinedAt: existing.find((e) => e.userId === m.userId)?.joinedAt ?? now })));
  return saved;
}
