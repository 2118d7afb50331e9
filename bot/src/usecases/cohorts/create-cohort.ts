/**
 * An admin (or someone who already facilitates a cohort, for a cohort they will facilitate: the
 * access policy's `cohort.create`, the same in the tab and the bot) creates a cohort: checks the track and
 * the leadership cohort (leaders go first), the start date (a past one only for a cohort already
 * running, and never longer ago than the programme lasts) and that everyone named is a real person
 * (an Entra object id), then writes the cohort and its members. Its facilitators are exactly the
 * ones it is given: nobody is added silently.
 */
import crypto from "node:crypto";
import type { AppContext } from "../../app-context";
import type { CohortInput } from "../../contract/api-contract";
import { creationMessage, validateCohortSchedule, validateNewCohortStart } from "../../domain/cohort-rules";
import { ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { latestTrack, pinOf } from "../tracks/cohort-track";
import type { Actor, Cohort, Membership } from "../../domain/types";
import { authorize } from "../access";
import { rememberFacilitatorNames, validatePeople } from "./people";
import { chosenWinsChannel } from "./wins-channel";

export async function createCohort(ctx: AppContext, actor: Actor, input: CohortInput): Promise<Versioned<Cohort> & { message: string }> {
  const { repos } = ctx;
  await authorize(ctx, actor, "cohort.create");
  const existing = await repos.cohorts.list(actor.tenantId);
  const track = await latestTrack(repos.tracks, actor.tenantId, input.trackId);
  if (!track) {
    throw new ValidationError("That track does not exist.", [{ field: "trackId", message: "must be one of the available tracks" }]);
  }
  if (input.facilitatorIds.length === 0) {
    throw new ValidationError("A cohort needs at least one facilitator: choose who will facilitate it.", [{ field: "facilitatorIds", message: "Choose at least one facilitator." }]);
  }
  // Otherwise facilitating one cohort would let anyone start programmes for others to run.
  if (!actor.isAdmin && !input.facilitatorIds.includes(actor.userId)) {
    throw new ValidationError("Add yourself as a facilitator: facilitators can create only cohorts they facilitate.", [{ field: "facilitatorIds", message: "Include yourself: you can create only cohorts you facilitate." }]);
  }
  const leadership = input.leadershipCohortId ? existing.find((c) => c.id === input.leadershipCohortId) : undefined;
  validateCohortSchedule({ kind: input.kind, startDate: input.startDate, timeZone: input.timeZone, leadershipCohortId: input.leadershipCohortId }, leadership, ctx.config.cohorts.leadersGoFirstDays);
  validateNewCohortStart(input, track, ctx.clock.now());
  await validatePeople(ctx, actor.tenantId, input);
  const winsChannel = await chosenWinsChannel(ctx, actor.tenantId, undefined, input.winsChannel);

  const now = ctx.clock.now().toISOString();
  const cohort: Cohort = {
    id: crypto.randomUUID(),
    tenantId: actor.tenantId,
    name: input.name,
    kind: input.kind,
    trackId: input.trackId,
    // A new cohort starts on the track's latest version and stays on it until an admin moves it.
    ...pinOf(track),
    startDate: input.startDate,
    timeZone: input.timeZone,
    ...(input.localTime ? { localTime: input.localTime } : {}),
    ...(input.workingDays ? { workingDays: input.workingDays } : {}),
    ...(input.holidays ? { holidays: input.holidays } : {}),
    facilitatorIds: [...new Set(input.facilitatorIds)],
    ...(input.leadershipCohortId ? { leadershipCohortId: input.leadershipCohortId } : {}),
    ...(winsChannel ? { winsChannel } : {}),
    status: "active",
    createdAt: now,
    createdBy: actor.userId,
    updatedAt: now,
  };
  const created = await repos.cohorts.create(cohort);
  const unique = new Map(input.members.map((m) => [m.userId, m]));
  const memberships: Membership[] = [...unique.values()].map((m) => ({ tenantId: actor.tenantId, cohortId: cohort.id, userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}), joinedAt: now }));
  await repos.memberships.upsertMany(memberships);
  await rememberFacilitatorNames(ctx, actor.tenantId, input);
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: cohort.id, members: memberships.length }, "cohort created");
  return { ...created, message: creationMessage(cohort, track, ctx.clock.now()) };
}
