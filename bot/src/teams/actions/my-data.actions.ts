/** "My data": ask to delete (or change one's mind), then confirm. */
import { buildMyDataCard, buildMyDataDeletedCard, MY_DATA_VERBS } from "../../cards/my-data.card";
import { deleteMyData, myData } from "../../usecases/member/my-data";
import { MyDataRef, parseActionData } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const myDataActions: ActionHandlers = {
  [MY_DATA_VERBS.askDelete]: async ({ ctx, actor, data }) => {
    const { cohortId, cancel } = parseActionData(MyDataRef, data);
    const { member, records, helpRequests } = await myData(ctx, actor, cohortId);
    return buildMyDataCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, records, helpRequests }, !cancel);
  },

  [MY_DATA_VERBS.confirmDelete]: async ({ ctx, actor, data }) => {
    const { member, deleted } = await deleteMyData(ctx, actor, parseActionData(MyDataRef, data).cohortId);
    return buildMyDataDeletedCard(member.cohort.name, deleted);
  },
};
