/** The member removed the app from their 1:1 chat: stop sending to them until they add it back. */
import type { AppContext } from "../../app-context";
import type { Actor } from "../../domain/types";

export async function unregisterPerson(ctx: AppContext, actor: Actor): Promise<void> {
  await ctx.repos.people.markUnreachable(actor.tenantId, actor.userId, ctx.clock.now().toISOString());
  ctx.logger.info({ tenantId: actor.tenantId, userId: actor.userId }, "member removed the app");
}
