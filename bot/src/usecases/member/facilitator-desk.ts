/**
 * The facilitator's side of the 1:1 chat: `my cohorts`, `who needs help` and (with
 * usecases/questions) `questions`. Facilitators see the cohorts they facilitate; admins see every
 * cohort that is not archived. Names are shown by design (staff see each member's status by name,
 * see domain/metrics.ts); group figures are released aggregates only.
 */
import type { AppContext } from "../../app-context";
import { computeCohortProgress, respondentShare } from "../../domain/metrics";
import type { Versioned } from "../../domain/ports";
import { reportsStuck } from "../../domain/reflections";
import type { Actor, Aggregate, Cohort } from "../../domain/types";
import { mapLimited } from "../../lib/concurrency";
import { cohortSchedule } from "./member-context";

/** The cohorts this person looks after: facilitated ones; every live one for an admin. */
export async function facilitatedCohorts(ctx: AppContext, actor: Actor): Promise<Versioned<Cohort>[]> {
  const cohorts = (await ctx.repos.cohorts.list(actor.tenantId)).filter((c) => c.status !== "archived");
  return cohorts.filter((c) => actor.isAdmin || c.facilitatorIds.includes(actor.userId)).sort((a, b) => b.startDate.localeCompare(a.startDate));
}

export async function isFacilitator(ctx: AppContext, actor: Actor): Promise<boolean> {
  return actor.isAdmin || (await ctx.repos.cohorts.list(actor.tenantId)).some((c) => c.status !== "archived" && c.facilitatorIds.includes(actor.userId));
}

export interface CohortAtAGlance {
  cohortId: string;
  name: string;
  status: Cohort["status"];
  /** Programme week now (0 before the first session). */
  week: number;
  totalWeeks: number;
  members: number;
  /** The latest check-in that has opened, and the share of members who answered it (a released aggregate). */
  latestCheckIn?: { sessionNumber: number; responseRate: Aggregate };
}

export async function myCohorts(ctx: AppContext, actor: Actor): Promise<CohortAtAGlance[]> {
  const now = ctx.clock.now();
  return mapLimited(await facilitatedCohorts(ctx, actor), 4, async (cohort) => {
    const [schedule, memberships] = await Promise.all([cohortSchedule(ctx, cohort), ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id)]);
    const past = schedule?.timeline.filter((e) => new Date(e.dueAt) <= now) ?? [];
    const latest = past.filter((e) => e.kind === "checkin").at(-1);
    const base: CohortAtAGlance = {
      cohortId: cohort.id,
      name: cohort.name,
      status: cohort.status,
      week: past.reduce((w, e) => Math.max(w, e.week), 0),
      totalWeeks: schedule?.timeline.reduce((w, e) => Math.max(w, e.week), 0) ?? 0,
      members: memberships.length,
    };
    if (!latest) return base;
    const memberIds = new Set(memberships.map((m) => m.userId));
    const records = await ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id);
    const answered = records.checkIns.filter((c) => c.sessionNumber === latest.sessionNumber && memberIds.has(c.userId)).length;
    return { ...base, latestCheckIn: { sessionNumber: latest.sessionNumber!, responseRate: respondentShare(answered, memberships.length) } };
  });
}

export interface MemberNeedingHelp {
  cohortId: string;
  cohortName: string;
  displayName: string;
  reason: "asked-for-help" | "stuck";
  /** What they last wrote under "where did you get stuck" (their words: plain text only). */
  latestStuck?: string;
  latestSession?: number;
  /** A facilitator said they will reach out. */
  takenBy?: string;
  /** No facilitator could be reached in Teams when they asked. */
  notReachedInTeams: boolean;
}

export async function whoNeedsHelp(ctx: AppContext, actor: Actor): Promise<MemberNeedingHelp[]> {
  const now = ctx.clock.now();
  const perCohort = await mapLimited(await facilitatedCohorts(ctx, actor), 4, async (cohort) => {
    const [schedule, memberships, records, alerts] = await Promise.all([
      cohortSchedule(ctx, cohort),
      ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
      ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
      ctx.repos.alerts.listByCohort(cohort.tenantId, cohort.id),
    ]);
    if (!schedule) return [];
    const progress = computeCohortProgress({ timeline: schedule.timeline, memberships, records, acknowledgedUserIds: new Set(), now });
    const needing = progress.members.filter((m) => m.status === "asked-for-help" || m.status === "stuck");
    const takers = await ctx.repos.people.getMany(cohort.tenantId, [...new Set(alerts.map((a) => a.acknowledgedBy).filter((id): id is string => !!id))]);
    return needing.map((m): MemberNeedingHelp => {
      const checkIns = records.checkIns.filter((c) => c.userId === m.userId).sort((a, b) => a.sessionNumber - b.sessionNumber);
      const stuck = checkIns.filter(reportsStuck).at(-1);
      const latest = checkIns.at(-1);
      const reason = m.status === "asked-for-help" ? "asked-for-help" : "stuck";
      const alert = alerts.find((a) => a.userId === m.userId && (reason === "asked-for-help" ? a.reason === "asked-for-help" && a.sessionNumber === latest?.sessionNumber : a.reason === "stuck-twice"));
      const stored = alert as (typeof alert & { reach?: { reachedFacilitators?: number; unreachedSince?: string } }) | undefined;
      const takenBy = alert?.acknowledgedBy ? (takers.find((p) => p.userId === alert.acknowledgedBy)?.displayName || "A facilitator") : undefined;
      return {
        cohortId: cohort.id,
        cohortName: cohort.name,
        displayName: m.displayName,
        reason,
        ...(stuck ? { latestStuck: stuck.stuck, latestSession: stuck.sessionNumber } : latest ? { latestSession: latest.sessionNumber } : {}),
        ...(takenBy ? { takenBy } : {}),
        notReachedInTeams: !!stored?.reach?.unreachedSince && !stored.reach.reachedFacilitators,
      };
    });
  });
  // Help requests first, then stuck; nobody taken care of yet before those someone is reaching out to.
  return perCohort.flat().sort((a, b) => Number(a.reason !== "asked-for-help") - Number(b.reason !== "asked-for-help") || Number(!!a.takenBy) - Number(!!b.takenBy));
}
