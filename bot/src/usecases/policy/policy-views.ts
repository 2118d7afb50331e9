/**
 * The AI-use policy in the tab: everyone reads it with what changed; admins publish new versions
 * (ETag-style: based on the version they edited, so two admins cannot overwrite each other); and
 * staff see acknowledgement rates per cohort. Publishing is all it takes for the bot to ask again:
 * the scheduler plans `policy.v{n}` deliveries for everyone who has not acknowledged version n.
 */
import type { AppContext } from "../../app-context";
import type { AcknowledgementRatesResponse, PolicyPreviewResponse, PolicyResponse, PublishPolicyRequest } from "../../contract/api-contract";
import { aggregate } from "../../domain/metrics";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { diffPolicies, diffPolicyContent, diffPolicyText, policyUnchanged } from "../../domain/policy-diff";
import type { Actor, PolicyVersion } from "../../domain/types";
import { authorize } from "../access";
import { acknowledgementCounts } from "../dashboard/cohort-figures";

export async function getPolicy(ctx: AppContext, actor: Actor): Promise<PolicyResponse> {
  await authorize(ctx, actor, "policy.read");
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (!current) return { changes: [], textChanges: [], acknowledgedByYou: false };
  const previous = current.version > 1 ? await ctx.repos.policies.get(actor.tenantId, current.version - 1) : undefined;
  return {
    current,
    ...(previous ? { previous } : {}),
    changes: diffPolicies(previous, current),
    textChanges: diffPolicyText(previous, current),
    acknowledgedByYou: await ctx.repos.policies.hasAcknowledged(actor.tenantId, current.version, actor.userId),
  };
}

export async function listPolicyVersions(ctx: AppContext, actor: Actor): Promise<PolicyVersion[]> {
  await authorize(ctx, actor, "policy.read");
  return ctx.repos.policies.list(actor.tenantId);
}

/**
 * What publishing the draft would change and whom it would ask again. The count is of distinct
 * members of active cohorts: the scheduler asks every one of them to acknowledge the new version.
 */
export async function previewPolicy(ctx: AppContext, actor: Actor, request: PublishPolicyRequest): Promise<PolicyPreviewResponse> {
  await authorize(ctx, actor, "policy.publish");
  const current = await ctx.repos.policies.current(actor.tenantId);
  const { text, sections } = diffPolicyContent(current, request);
  return {
    currentVersion: current?.version ?? 0,
    nextVersion: (current?.version ?? 0) + 1,
    unchanged: policyUnchanged(current, request),
    textChanges: text,
    changes: sections,
    membersToAsk: await membersOfActiveCohorts(ctx, actor.tenantId),
  };
}

async function membersOfActiveCohorts(ctx: AppContext, tenantId: string): Promise<number> {
  const active = (await ctx.repos.cohorts.list(tenantId)).filter((c) => c.status === "active");
  const people = new Set<string>();
  for (const cohort of active) for (const m of await ctx.repos.memberships.listByCohort(tenantId, cohort.id)) people.add(m.userId);
  return people.size;
}

export async function publishPolicy(ctx: AppContext, actor: Actor, request: PublishPolicyRequest): Promise<PolicyVersion> {
  await authorize(ctx, actor, "policy.publish");
  // Publishing the same words again would ask everyone to acknowledge them again, for nothing.
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (current && current.version === request.basedOnVersion && policyUnchanged(current, request)) {
    throw new ValidationError(`Nothing has changed since version ${current.version}. Edit the title, summary or a section before publishing.`, [{ field: "(body)", message: `Nothing has changed since version ${current.version}.` }]);
  }
  const published = await ctx.repos.policies.publish(
    { tenantId: actor.tenantId, version: request.basedOnVersion + 1, title: request.title, summary: request.summary, sections: request.sections, publishedAt: ctx.clock.now().toISOString(), publishedBy: actor.userId },
    request.basedOnVersion,
  );
  ctx.logger.info({ tenantId: actor.tenantId, version: published.version, userId: actor.userId }, "policy published");
  return published;
}

export async function acknowledgementRates(ctx: AppContext, actor: Actor): Promise<AcknowledgementRatesResponse> {
  await authorize(ctx, actor, "policy.acknowledgements");
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (!current) throw new NotFoundError("No policy has been published yet.");
  const cohorts = (await ctx.repos.cohorts.list(actor.tenantId)).filter((c) => actor.isAdmin || c.facilitatorIds.includes(actor.userId));
  // Kept per cohort with the dashboard's figures (usecases/dashboard/cohort-figures.ts): bounded reads.
  const rows = (await acknowledgementCounts(ctx, cohorts, current)).map(({ cohort, memberCount, acknowledged: count }) => ({
    cohortId: cohort.id,
    cohortName: cohort.name,
    memberCount,
    acknowledged: aggregate(memberCount, memberCount ? Math.round((count / memberCount) * 100) / 100 : 0),
  }));
  return { version: current.version, cohorts: rows };
}
