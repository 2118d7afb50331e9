/** On install (or any message), remember how to reach this person proactively. */
import type { AppContext } from "../../app-context";
import type { Actor } from "../../domain/types";

export async function registerPerson(ctx: AppContext, actor: Actor, conversationReference: unknown): Promise<void> {
  const existing = await ctx.repos.people.get(actor.tenantId, actor.userId);
  const sameReference = existing && JSON.stringify(existing.conversationReference) === JSON.stringify(conversationReference) && !existing.unreachableSince;
  if (sameReference) return;
  // A fresh install clears any earlier "unreachable": they added the bot back.
  await ctx.repos.people.upsert({ tenantId: actor.tenantId, userId: actor.userId, displayName: actor.displayName || existing?.displayName || "", conversationReference, updatedAt: ctx.clock.now().toISOString() });
}
