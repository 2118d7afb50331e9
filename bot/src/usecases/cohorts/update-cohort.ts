/**
 * An admin edits a cohort. ETag-guarded: a stale edit is refused with a clear conflict, not applied.
 * A started cohort keeps its history (start date, track and kind stay), and leaders go first from
 * both sides: a leadership cohort can't start on or after a team cohort that follows it, nor stop
 * being a leadership cohort while team cohorts follow it.
 */
import type { AppContext } from "../../app-context";
import type { CohortUpdate } from "../../contract/api-contract";
import { recordStatusChange } from "../../domain/cohort-pause";
import { validateCohortSchedule, validateLeadershipFollowers, validateStartedCohortEdit } from "../../domain/cohort-rules";
import { ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { latestTrack } from "../tracks/cohort-track";
import type { Actor, Cohort, Membership } from "../../domain/types";
import { authorizeCohort } from "../access";
import { rememberFacilitatorNames, validatePeople } from "./people";
import { chosenWinsChannel } from "./wins-channel";

export async function updateCohort(ctx: AppContext, actor: Actor, cohortId: string, input: CohortUpdate): Promise<Versioned<Cohort>> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.update", cohortId);
  const track = input.trackId === cohort.trackId ? undefined : await latestTrack(ctx.repos.tracks, actor.tenantId, input.trackId);
  if (input.trackId !== cohort.trackId && !track) throw new ValidationError("That track does not exist.", [{ field: "trackId", message: "must be one of the available tracks" }]);
  const leadership = input.leadershipCohortId ? await ctx.repos.cohorts.get(actor.tenantId, input.leadershipCohortId) : undefined;
  validateCohortSchedule({ kind: input.kind, startDate: input.startDate, timeZone: input.timeZone, leadershipCohortId: input.leadershipCohortId }, leadership, ctx.config.cohorts.leadersGoFirstDays);
  validateStartedCohortEdit(cohort, input, ctx.clock.now());
  if (cohort.kind === "leadership") {
    const followers = (await ctx.repos.cohorts.list(actor.tenantId)).filter((c) => c.id !== cohort.id && c.leadershipCohortId === cohort.id && c.status !== "archived");
    validateLeadershipFollowers(input, followers, ctx.config.cohorts.leadersGoFirstDays);
  }
  const currentMembers = await ctx.repos.memberships.listByCohort(actor.tenantId, cohortId);
  await validatePeople(ctx, actor.tenantId, input, [...cohort.facilitatorIds, ...currentMembers.map((m) => m.userId)]);
  const winsChannel = await chosenWinsChannel(ctx, actor.tenantId, cohort.winsChannel, input.winsChannel);
  // The editor sends the whole cohort: a calendar left out means "follow the organisation's" again.
  const { etag: _stale, workingDays: _days, holidays: _holidays, ...current } = cohort;
  void _stale, void _days, void _holidays;
  const next: Cohort = {
    ...current,
    name: input.name,
    kind: input.kind,
    trackId: input.trackId,
    // Same track: the cohort keeps the version it runs on (moving it is its own step, after the diff); another track: its latest.
    ...(track ? { trackVersion: track.version } : {}),
    startDate: input.startDate,
    timeZone: input.timeZone,
    localTime: input.localTime,
    ...(input.workingDays ? { workingDays: input.workingDays } : {}),
    ...(input.holidays ? { holidays: input.holidays } : {}),
    facilitatorIds: input.facilitatorIds,
    leadershipCohortId: input.leadershipCohortId,
    winsChannel,
    status: input.status ?? current.status,
    updatedAt: ctx.clock.now().toISOString(),
  };
  // Pausing and resuming move the rest of the programme (domain/cohort-pause.ts).
  const pauses = recordStatusChange(cohort.pauses, cohort.status, next.status, ctx.clock.now());
  if (pauses) next.pauses = pauses;
  const saved = await ctx.repos.cohorts.update(next, input.etag);
  await applyRoster(ctx, actor.tenantId, cohortId, input.members, currentMembers);
  await rememberFacilitatorNames(ctx, actor.tenantId, input);
  return saved;
}

/**
 * Writes only what changed: renaming a 10,000-member cohort must not rewrite 10,000 memberships
 * (nor make the scheduler plan it again).
 */
async function applyRoster(ctx: AppContext, tenantId: string, cohortId: string, members: CohortUpdate["members"], current: Membership[]): Promise<void> {
  const existing = new Map(current.map((m) => [m.userId, m]));
  const wanted = new Map(members.map((m) => [m.userId, m]));
  const leaving = [...existing.keys()].filter((userId) => !wanted.has(userId));
  const now = ctx.clock.now().toISOString();
  const changed: Membership[] = [];
  for (const m of wanted.values()) {
    const before = existing.get(m.userId);
    if (before && before.displayName === m.displayName && before.jobTitle === m.jobTitle) continue;
    changed.push({ tenantId, cohortId, userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}), joinedAt: before?.joinedAt ?? now });
  }
  if (leaving.length) await ctx.repos.memberships.removeMany(tenantId, cohortId, leaving);
  if (changed.length) await ctx.repos.memberships.upsertMany(changed);
}
