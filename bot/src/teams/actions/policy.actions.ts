/** Governance: acknowledging the current AI-use policy (idempotent; a stale version is refused). */
import { POLICY_VERBS } from "../../cards/policy.card";
import { acknowledgePolicy } from "../../usecases/member/acknowledge-policy";
import { policyAcknowledgedCard } from "../../usecases/member/event-cards";
import { parseActionData, PolicyRef } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const policyActions: ActionHandlers = {
  [POLICY_VERBS.acknowledge]: async ({ ctx, actor, data }) => {
    const { version } = parseActionData(PolicyRef, data);
    const policy = await acknowledgePolicy(ctx, actor, version);
    return policyAcknowledgedCard(ctx, actor.tenantId, policy);
  },
};
