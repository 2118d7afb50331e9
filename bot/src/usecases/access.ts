/**
 * Applies the one access policy (domain/access-policy.ts): works out which roles the actor holds
 * for the resource, then allows, or throws ForbiddenError, or NotFoundError for a cohort the actor
 * has nothing to do with — another tenant's or another cohort's id does not exist for them, so
 * existence never leaks. Every API route and every bot command and card action comes through here.
 *
 * It also keeps the admin grants the tab sees on sign-in, so the bot treats app-role and group
 * admins as admins too.
 */
import type { AppContext } from "../app-context";
import { adminGrantIsFresh, decideAccess, ruleOf, type AccessAction, type AccessRole, type CohortAction, type TenantAction } from "../domain/access-policy";
import { ForbiddenError, NotFoundError } from "../domain/errors";
import { isSafeIdPart } from "../domain/ids";
import type { Versioned } from "../domain/ports";
import type { Actor, AdminGrant, Cohort } from "../domain/types";

/** The actor's place in one cohort, for views that show more to its staff than to its members. */
export type CohortRole = "admin" | "facilitator" | "member";

export interface CohortAccess {
  cohort: Versioned<Cohort>;
  role: CohortRole;
}

/** May the actor do this tenant-wide action? Throws ForbiddenError with the action's refusal if not. */
export async function authorize(ctx: AppContext, actor: Actor, action: TenantAction): Promise<void> {
  const held = new Set<AccessRole>(["signed-in"]);
  if (actor.isAdmin) held.add("admin");
  // The cohort list is read only when facilitating is what would allow it.
  if (decideAccess(action, held) !== "allow" && ruleOf(action).allowed.includes("any-facilitator") && (await facilitatesAnyCohort(ctx, actor))) held.add("any-facilitator");
  if (decideAccess(action, held) !== "allow" && ruleOf(action).allowed.includes("any-leader") && (await leadsAnyCohort(ctx, actor))) held.add("any-leader");
  refuseUnlessAllowed(action, held);
}

/** May the actor do this to this cohort? Returns the cohort and the actor's role in it. */
export async function authorizeCohort(ctx: AppContext, actor: Actor, action: CohortAction, cohortId: string): Promise<CohortAccess> {
  const notFound = () => new NotFoundError(ruleOf(action).notFound);
  if (!isSafeIdPart(cohortId)) throw notFound();
  const cohort = await ctx.repos.cohorts.get(actor.tenantId, cohortId);
  if (!cohort) throw notFound();
  const held = new Set<AccessRole>(["signed-in"]);
  if (actor.isAdmin) held.add("admin");
  if (cohort.facilitatorIds.includes(actor.userId)) held.add("cohort-facilitator");
  // Membership is read only when it could allow the action, or tell "not yours" (404) from "not allowed" (403).
  const related = held.has("admin") || held.has("cohort-facilitator");
  const needsMembership = decideAccess(action, held) !== "allow" && (ruleOf(action).allowed.includes("cohort-member") || !related);
  if (needsMembership && (await ctx.repos.memberships.get(actor.tenantId, cohortId, actor.userId))) held.add("cohort-member");
  refuseUnlessAllowed(action, held);
  return { cohort, role: held.has("admin") ? "admin" : held.has("cohort-facilitator") ? "facilitator" : "member" };
}

/** The same question for an action named by the bot's tables, whichever kind it is. */
export async function authorizeAction(ctx: AppContext, actor: Actor, action: AccessAction, cohortId: string | undefined): Promise<void> {
  if (ruleOf(action).on === "tenant") return authorize(ctx, actor, action as TenantAction);
  if (cohortId === undefined) throw new NotFoundError();
  await authorizeCohort(ctx, actor, action as CohortAction, cohortId);
}

function refuseUnlessAllowed(action: AccessAction, held: ReadonlySet<AccessRole>): void {
  const decision = decideAccess(action, held);
  if (decision === "not-found") throw new NotFoundError(ruleOf(action).notFound);
  if (decision === "forbidden") throw new ForbiddenError(ruleOf(action).refusal);
}

async function facilitatesAnyCohort(ctx: AppContext, actor: Actor): Promise<boolean> {
  return (await ctx.repos.cohorts.list(actor.tenantId)).some((c) => c.facilitatorIds.includes(actor.userId));
}

/** A leader: a member of at least one leadership cohort. */
export async function leadsAnyCohort(ctx: AppContext, actor: Actor): Promise<boolean> {
  const memberOf = new Set((await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId)).map((m) => m.cohortId));
  if (memberOf.size === 0) return false;
  return (await ctx.repos.cohorts.list(actor.tenantId)).some((c) => c.kind === "leadership" && memberOf.has(c.id));
}

/**
 * What a verified tab sign-in said about admin rights: a grant is (re)recorded when the token
 * carries it and the stored one is missing, of another source or a quarter of the trust window
 * old; a token without it removes any stored grant at once.
 */
export async function noteAdminGrant(ctx: AppContext, tenantId: string, userId: string, source: AdminGrant["source"] | undefined): Promise<void> {
  const people = ctx.repos.people;
  const stored = await people.adminGrant(tenantId, userId);
  const now = ctx.clock.now();
  if (!source) {
    if (stored) await people.recordAdminGrant(tenantId, userId, undefined);
    return;
  }
  const refreshAfterMs = (ctx.config.auth.adminGrantTrustHours * 3_600_000) / 4;
  if (stored?.source === source && now.getTime() - new Date(stored.seenAt).getTime() < refreshAfterMs) return;
  await people.recordAdminGrant(tenantId, userId, { source, seenAt: now.toISOString() });
}

/** Whether the tab recently saw this person sign in as an admin (the bot cannot see roles itself). */
export async function hasFreshAdminGrant(ctx: AppContext, tenantId: string, userId: string): Promise<boolean> {
  return adminGrantIsFresh(await ctx.repos.people.adminGrant(tenantId, userId), ctx.clock.now(), ctx.config.auth.adminGrantTrustHours);
}
