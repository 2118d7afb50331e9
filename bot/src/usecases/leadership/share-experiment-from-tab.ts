/**
 * The tab's "Share an experiment": the same use case as the bot's card, so the experiment is
 * recorded once per opened form (its draft id) and each following team's post is queued once.
 */
import type { AppContext } from "../../app-context";
import type { ShareExperimentRequest, ShareExperimentResponse } from "../../contract/api-contract";
import type { Actor } from "../../domain/types";
import { authorizeCohort } from "../access";
import { shareExperiment } from "../member/share-experiment";

export async function shareExperimentFromTab(ctx: AppContext, actor: Actor, cohortId: string, input: ShareExperimentRequest): Promise<ShareExperimentResponse> {
  await authorizeCohort(ctx, actor, "experiment.share", cohortId);
  const { experiment, postedTo } = await shareExperiment(ctx, actor, { cohortId, ...input });
  // Stored already, so a failure here only logs (the next tick sends them). One team at a time:
  // concurrent asks for the same tenant would skip each other and leave the rest to the next tick.
  for (const team of postedTo) await ctx.outbox.sendSoon(team.tenantId, team.id);
  return { experimentId: experiment.id, postedTo: postedTo.map((t) => t.name) };
}
