/** The weekly check-in: send (or resend) it, and the refresh that shows each member their own answers. */
import { CHECKIN_VERBS, CheckInSubmission, typedCheckIn } from "../../cards/checkin.card";
import type { ChatOrigin } from "../../domain/ports";
import { alertUnreached, queueFacilitatorAlerts } from "../../usecases/member/alert-facilitators";
import { checkInAnsweredCard, checkInCard, checkInView, helpRequestStatus } from "../../usecases/member/event-cards";
import { loadMemberContext } from "../../usecases/member/member-context";
import { recordCheckIn } from "../../usecases/member/record-check-in";
import { CheckInRefresh, parseActionData, parseSubmission, SessionRef } from "../action-data";
import { cardOfInvoke, updateCard } from "../card-updates";
import { mayRememberReference } from "../conversation-references";
import type { ActionHandlers, ActionRequest } from "./action-handler";

export const checkInActions: ActionHandlers = {
  [CHECKIN_VERBS.submit]: async ({ ctx, services, turn, actor, data, later }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    const submission = parseSubmission(CheckInSubmission, data);
    if (!submission.ok) {
      const typed = typedCheckIn(data);
      return checkInCard(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber, { rejected: { problem: submission.problem, typed } });
    }
    const { member, checkIn, updated, newAlerts } = await recordCheckIn(ctx, actor, submission.value);
    if (newAlerts.length) {
      const origin = await chatOrigin({ ctx, turn, actor } as Pick<ActionRequest, "ctx" | "turn" | "actor">);
      const card = cardOfInvoke(turn);
      // Stored before the card is answered: from here on a crash delays the alert, never loses it.
      await queueFacilitatorAlerts(ctx, member.cohort, newAlerts, origin);
      const helpAlert = checkIn.wantsHelp ? newAlerts.find((a) => a.reason === "asked-for-help") : undefined;
      later(async () => {
        await ctx.outbox.sendSoon(member.cohort.tenantId, member.cohort.id);
        // The member was told a facilitator will get in touch: if none could be reached, say so on that card.
        if (helpAlert && card && (await alertUnreached(ctx, member.cohort, helpAlert.id))) {
          await updateCard(services.adapter, services.botAppId, card, checkInAnsweredCard(member, checkIn, updated, "unreached"), ctx.logger);
        }
      });
    }
    const help = checkIn.wantsHelp && !newAlerts.length ? await helpRequestStatus(ctx, member, checkIn.sessionNumber) : undefined;
    return checkInAnsweredCard(member, checkIn, updated, help);
  },

  [CHECKIN_VERBS.refresh]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber, edit } = parseActionData(CheckInRefresh, data);
    return checkInView(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber, { edit });
  },
};

/**
 * Where the bot can open chats from: the service URL and bot account of the member's own 1:1
 * conversation (as stored), else of this turn when its sender was verified.
 */
async function chatOrigin({ ctx, turn, actor }: Pick<ActionRequest, "ctx" | "turn" | "actor">): Promise<ChatOrigin | undefined> {
  const stored = (await ctx.repos.people.get(actor.tenantId, actor.userId))?.conversationReference as { serviceUrl?: unknown; bot?: { id?: unknown; name?: unknown } } | undefined;
  if (typeof stored?.serviceUrl === "string" && typeof stored.bot?.id === "string") return { serviceUrl: stored.serviceUrl, bot: { id: stored.bot.id, ...(typeof stored.bot.name === "string" ? { name: stored.bot.name } : {}) } };
  if (!mayRememberReference(turn)) return undefined;
  return { serviceUrl: turn.activity.serviceUrl, bot: { id: turn.activity.recipient.id, name: turn.activity.recipient.name } };
}
