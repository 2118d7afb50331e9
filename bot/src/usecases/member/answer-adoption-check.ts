/** Weeks 0, 4 and 8: is AI part of the member's real work? One answer per member and week; a second one replaces it. */
import type { AppContext } from "../../app-context";
import { ValidationError } from "../../domain/errors";
import { ids } from "../../domain/ids";
import type { Actor, AdoptionAnswer, UsageFrequency } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export interface AdoptionInput {
  cohortId: string;
  week: number;
  stillUsing: boolean;
  frequency: UsageFrequency;
  usedFor: string;
}

export async function answerAdoptionCheck(ctx: AppContext, actor: Actor, input: AdoptionInput): Promise<{ member: MemberContext; answer: AdoptionAnswer }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const check = member.timeline.find((e) => (e.kind === "baseline" || e.kind === "adoption") && e.adoptionWeek === input.week);
  if (!check) throw new ValidationError(`There is no adoption check in week ${input.week} of this programme.`, [{ field: "week", message: "is not an adoption-check week" }]);
  if (new Date(check.dueAt) > ctx.clock.now()) throw new ValidationError(`The week ${input.week} adoption check opens on ${check.localDate}.`, [{ field: "week", message: "has not opened yet" }]);
  // A changed answer keeps the member's place in the order group figures are released in (metrics.ts).
  const earlier = (await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId)).adoption.find((a) => a.week === input.week);
  const now = ctx.clock.now().toISOString();
  const answer: AdoptionAnswer = {
    id: ids.adoptionId(member.cohort.id, input.week, actor.userId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    week: input.week,
    stillUsing: input.stillUsing,
    frequency: input.frequency,
    usedFor: input.usedFor,
    answeredAt: now,
    firstAnsweredAt: earlier?.firstAnsweredAt ?? earlier?.answeredAt ?? now,
  };
  await ctx.repos.loop.upsertAdoption(answer);
  return { member, answer };
}
