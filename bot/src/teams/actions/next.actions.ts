/** From the "what's next" card: open the card of one waiting step. */
import { NEXT_VERBS } from "../../cards/next-steps.card";
import { buildNoticeCard } from "../../cards/notice.card";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { cardForEvent } from "../../usecases/member/event-cards";
import { loadMemberContext } from "../../usecases/member/member-context";
import { EventRef, parseActionData } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const nextActions: ActionHandlers = {
  [NEXT_VERBS.open]: async ({ ctx, actor, data }) => {
    const { cohortId, eventKey } = parseActionData(EventRef, data);
    const member = await loadMemberContext(ctx, actor, cohortId);
    const event = member.timeline.find((e) => e.key === eventKey);
    if (!event) throw new NotFoundError("That step is not part of your programme.");
    // A card's data can name any step: one that has not opened yet stays closed (briefs included).
    if (new Date(event.dueAt) > ctx.clock.now()) throw new ValidationError(`That step opens on ${event.localDate}.`, [{ field: "eventKey", message: "has not opened yet" }]);
    return (await cardForEvent(ctx, member, event)) ?? buildNoticeCard("Nothing to do here", "This step does not need an answer.");
  },
};
