/**
 * The AI-use policy in the tab: everyone reads it with what changed; admins publish new versions
 * (ETag-style: based on the version they edited, so two admins cannot overwrite each other); and
 * staff see acknowledgement rates per cohort. Publishing is all it takes for the bot to ask again:
 * the scheduler plans `policy.v{n}` deliveries for everyone who has not acknowledged version n.
 */
import type { AppContext } from "../../app-context";
import type { AcknowledgementRatesResponse, PolicyResponse, PublishPolicyRequest } from "../../api/contract";
import { aggregate } from "../../domain/metrics";
import { NotFoundError } from "../../domain/errors";
import { diffPolicies } from "../../domain/policy-diff";
import type { Actor, PolicyVersion } from "../../domain/types";
import { requireAdmin } from "../access";

export async function getPolicy(ctx: AppContext, actor: Actor): Promise<PolicyResponse> {
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (!current) return { changes: [], acknowledgedByYou: false };
  const previous = current.version > 1 ? await ctx.repos.policies.get(actor.tenantId, current.version - 1) : undefined;
  return {
    current,
    ...(previous ? { previous } : {}),
    changes: diffPolicies(previous, current),
    acknowledgedByYou: await ctx.repos.policies.hasAcknowledged(actor.tenantId, current.version, actor.userId),
  };
}

export async function listPolicyVersions(ctx: AppContext, actor: Actor): Promise<PolicyVersion[]> {
  return ctx.repos.policies.list(actor.tenantId);
}

export async function publishPolicy(ctx: AppContext, actor: Actor, request: PublishPolicyRequest): Promise<PolicyVersion> {
  requireAdmin(actor);
  const published = await ctx.repos.policies.publish(
    { tenantId: actor.tenantId, version: request.basedOnVersion + 1, title: request.title, summary: request.summary, sections: request.sections, publishedAt: ctx.clock.now().toISOString(), publishedBy: actor.userId },
    request.basedOnVersion,
  );
  ctx.logger.info({ tenantId: actor.tenantId, version: published.version, userId: actor.userId }, "policy published");
  return published;
}

export async function acknowledgementRates(ctx: AppContext, actor: Actor): Promise<AcknowledgementRatesResponse> {
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (!current) throw new NotFoundError("No policy has been published yet.");
  const acknowledged = new Set((await ctx.repos.policies.listAcknowledgements(actor.tenantId, current.version)).map((a) => a.userId));
  const cohorts = (await ctx.repos.cohorts.list(actor.tenantId)).filter((c) => actor.isAdmin || c.facilitatorIds.includes(actor.userId));
  const rows = await Promise.all(
    cohorts.map(async (cohort) => {
      const members = await ctx.repos.memberships.listByCohort(actor.tenantId, cohort.id);
      const count = members.filter((m) => acknowledged.has(m.userId)).length;
      return { cohortId: cohort.id, cohortName: cohort.name, memberCount: members.length, acknowledged: aggregate(members.length, members.length ? Math.round((count / members.length) * 100) / 100 : 0) };
    }),
  );
  return { version: current.version, cohorts: rows };
}
