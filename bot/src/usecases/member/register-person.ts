/**
 * Install (or any 1:1 message): remember how to reach this person proactively. Writes only when
 * something changed; a fresh reference also clears an earlier "unreachable": they added the app back.
 */
import type { AppContext } from "../../app-context";
import type { Actor } from "../../domain/types";

export async function registerPerson(ctx: AppContext, actor: Actor, conversationReference: unknown): Promise<"registered" | "unchanged"> {
  const existing = await ctx.repos.people.get(actor.tenantId, actor.userId);
  const unchanged = existing && !existing.unreachableSince && JSON.stringify(existing.conversationReference) === JSON.stringify(conversationReference);
  if (unchanged) return "unchanged";
  await ctx.repos.people.upsert({
    tenantId: actor.tenantId,
    userId: actor.userId,
    displayName: actor.displayName || existing?.displayName || "",
    conversationReference,
    updatedAt: ctx.clock.now().toISOString(),
  });
  return "registered";
}
