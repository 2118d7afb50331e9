/** Sharing a win: recorded once per card, posted to the cohort's channel only with consent. */
import { buildWinCard, buildWinSharedCard, WIN_VERBS, WinSubmission } from "../../cards/win.card";
import { LIMITS } from "../../domain/limits";
import { loadMemberContext } from "../../usecases/member/member-context";
import { queueWinPost } from "../../usecases/member/post-win-to-channel";
import { shareWin } from "../../usecases/member/share-win";
import { DraftRef, parseActionData, parseSubmission, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const winActions: ActionHandlers = {
  [WIN_VERBS.submit]: async ({ ctx, actor, data, later }) => {
    const { cohortId, draftId } = parseActionData(DraftRef, data);
    const submission = parseSubmission(WinSubmission, data);
    if (!submission.ok) {
      const { cohort } = await loadMemberContext(ctx, actor, cohortId);
      return buildWinCard({ cohortId: cohort.id, cohortName: cohort.name, draftId, hasChannel: !!cohort.winsChannel, leader: cohort.kind === "leadership" }, { ...submission.problem, text: typedText(data, "text", LIMITS.answerText) });
    }
    const { member, win, willPost } = await shareWin(ctx, actor, submission.value);
    if (willPost) {
      // Stored before the card is answered; posted after it, paced with the tenant's other sends.
      await queueWinPost(ctx, member.cohort, win);
      later(() => ctx.outbox.sendSoon(member.cohort.tenantId, member.cohort.id));
    }
    return buildWinSharedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId, hasChannel: !!member.cohort.winsChannel }, win.text, willPost);
  },
};
