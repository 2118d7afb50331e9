/** Governance first: a member acknowledges the current AI-use policy (idempotent per version). */
import type { AppContext } from "../../app-context";
import { ConcurrencyError, NotFoundError } from "../../domain/errors";
import { ids } from "../../domain/ids";
import type { Actor, PolicyVersion } from "../../domain/types";

export async function acknowledgePolicy(ctx: AppContext, actor: Actor, version: number): Promise<PolicyVersion> {
  const current = await ctx.repos.policies.current(actor.tenantId);
  if (!current) throw new NotFoundError("There is no AI-use policy to acknowledge yet.");
  if (current.version !== version) throw new ConcurrencyError(`A newer version (${current.version}) of the policy has been published. Please read it before acknowledging.`);
  await ctx.repos.policies.acknowledge({ id: ids.acknowledgementId(version, actor.userId), tenantId: actor.tenantId, userId: actor.userId, version, acknowledgedAt: ctx.clock.now().toISOString() });
  return current;
}
