/**
 * Who may see what, checked on the server for every request. Admins: the whole tenant.
 * Facilitators: their cohorts, with names. Members: their own cohorts, aggregates only.
 * Anything else, including another tenant's ids, is "not found", so existence never leaks.
 */
import type { AppContext } from "../app-context";
import { ForbiddenError, NotFoundError } from "../domain/errors";
import { isSafeIdPart } from "../domain/ids";
import type { Versioned } from "../domain/ports";
import type { Actor, Cohort } from "../domain/types";

export type CohortRole = "admin" | "facilitator" | "member";

export async function resolveCohortAccess(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ cohort: Versioned<Cohort>; role: CohortRole }> {
  if (!isSafeIdPart(cohortId)) throw new NotFoundError();
  const cohort = await ctx.repos.cohorts.get(actor.tenantId, cohortId);
  if (!cohort) throw new NotFoundError();
  if (actor.isAdmin) return { cohort, role: "admin" };
  if (cohort.facilitatorIds.includes(actor.userId)) return { cohort, role: "facilitator" };
  if (await ctx.repos.memberships.get(actor.tenantId, cohortId, actor.userId)) return { cohort, role: "member" };
  throw new NotFoundError();
}

export function requireStaff(role: CohortRole): void {
  if (role === "member") throw new ForbiddenError("Only this cohort's facilitators and admins can see that.");
}

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new ForbiddenError("Only admins can do that.");
}
