/**
 * `questions` in a facilitator's 1:1 chat: the open questions of the cohorts they look after,
 * oldest first (the longest-waiting first). Anonymous questions carry no name, here as anywhere.
 * Answering stays in the tab, where the inbox is ETag-guarded.
 */
import type { AppContext } from "../../app-context";
import type { Actor } from "../../domain/types";
import { mapLimited } from "../../lib/concurrency";
import { facilitatedCohorts } from "../member/facilitator-desk";

export interface OpenQuestion {
  cohortId: string;
  cohortName: string;
  text: string;
  askedOn: string;
  /** Undefined for an anonymous question. */
  askedByName?: string;
}

export async function openQuestions(ctx: AppContext, actor: Actor): Promise<OpenQuestion[]> {
  const perCohort = await mapLimited(await facilitatedCohorts(ctx, actor), 4, async (cohort) =>
    (await ctx.repos.questions.listByCohort(cohort.tenantId, cohort.id))
      .filter((q) => q.status === "open")
      .map((q): OpenQuestion => ({ cohortId: cohort.id, cohortName: cohort.name, text: q.text, askedOn: q.askedOn, ...(q.anonymous ? {} : { askedByName: q.askedByName }) })),
  );
  return perCohort.flat().sort((a, b) => a.askedOn.localeCompare(b.askedOn));
}
