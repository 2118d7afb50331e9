/** Sharing a win: recorded once per card, posted to the cohort's channel only with consent. */
import { buildWinCard, buildWinSharedCard, WIN_VERBS, WinSubmission } from "../../cards/win.card";
import { LIMITS } from "../../domain/limits";
import { loadMemberContext } from "../../usecases/member/member-context";
import { postWinToChannel } from "../../usecases/member/post-win-to-channel";
import { shareWin } from "../../usecases/member/share-win";
import { DraftRef, parseActionData, parseSubmission, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const winActions: ActionHandlers = {
  [WIN_VERBS.submit]: async ({ ctx, services, actor, data, later }) => {
    const { cohortId, draftId } = parseActionData(DraftRef, data);
    const submission = parseSubmission(WinSubmission, data);
    if (!submission.ok) {
      const { cohort } = await loadMemberContext(ctx, actor, cohortId);
      return buildWinCard({ cohortId: cohort.id, cohortName: cohort.name, draftId, hasChannel: !!cohort.winsChannel }, { ...submission.problem, text: typedText(data, "text", LIMITS.answerText) });
    }
    const { member, win, willPost } = await shareWin(ctx, actor, submission.value);
    if (willPost) later(() => postWinToChannel(ctx, services.sender, member.cohort, win));
    return buildWinSharedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId, hasChannel: !!member.cohort.winsChannel }, win.text, willPost);
  },
};
