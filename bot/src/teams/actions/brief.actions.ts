/** From the `briefs` list or the catch-up card: open one session's brief again. */
import { BRIEF_VERBS } from "../../cards/briefs.card";
import { showBrief } from "../../usecases/member/briefs";
import { parseActionData, SessionRef } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const briefActions: ActionHandlers = {
  [BRIEF_VERBS.show]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    return showBrief(ctx, actor, cohortId, sessionNumber);
  },
};
