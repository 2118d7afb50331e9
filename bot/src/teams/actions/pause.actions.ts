/** From the member's `next` and `progress` cards: pause their programme by whole weeks, or end the pause; and open their history. */
import { z } from "zod";
import { buildHistoryCard } from "../../cards/history.card";
import { PAUSE_VERBS, PAUSE_VIEWS, PauseSubmission, type PauseView } from "../../cards/pause.card";
import { PROGRESS_VERBS } from "../../cards/progress.card";
import type { AppContext } from "../../app-context";
import type { Actor } from "../../domain/types";
import { tabUrl } from "../../usecases/member/event-cards";
import { myHistory } from "../../usecases/member/my-history";
import { myProgress, progressCardOf } from "../../usecases/member/my-progress";
import { pauseMyProgramme, resumeMyProgramme } from "../../usecases/member/pause-programme";
import { nextStepsCardOf, whatsNext } from "../../usecases/member/whats-next";
import { CohortRef, parseActionData, parseSubmission } from "../action-data";
import type { ActionHandlers } from "./action-handler";

const PauseRef = CohortRef.extend({ view: z.enum(PAUSE_VIEWS) });

/** The card the member clicked on, as it is now, with what changed (or what was wrong) on top. */
async function cardAgain(ctx: AppContext, actor: Actor, cohortId: string, view: PauseView, feedback: { notice?: string; pauseProblem?: string }) {
  return view === "next" ? nextStepsCardOf(ctx, await whatsNext(ctx, actor, cohortId), feedback) : progressCardOf(ctx, await myProgress(ctx, actor, cohortId), feedback);
}

export const pauseActions: ActionHandlers = {
  [PAUSE_VERBS.start]: async ({ ctx, actor, data }) => {
    const { cohortId, view } = parseActionData(PauseRef, data);
    const submission = parseSubmission(PauseSubmission, data);
    if (!submission.ok) return cardAgain(ctx, actor, cohortId, view, { pauseProblem: submission.problem.issues[0]?.message ?? submission.problem.message });
    await pauseMyProgramme(ctx, actor, { cohortId, weeks: submission.value.weeks });
    return cardAgain(ctx, actor, cohortId, view, { notice: "Paused. Enjoy the time away." });
  },
  [PAUSE_VERBS.end]: async ({ ctx, actor, data }) => {
    const { cohortId, view } = parseActionData(PauseRef, data);
    await resumeMyProgramme(ctx, actor, { cohortId });
    return cardAgain(ctx, actor, cohortId, view, { notice: "Welcome back: your programme carries on." });
  },
  [PROGRESS_VERBS.history]: async ({ ctx, actor, data }) => {
    const { cohortId } = parseActionData(CohortRef, data);
    return buildHistoryCard(await myHistory(ctx, actor, cohortId), tabUrl(ctx, "programme"));
  },
};
