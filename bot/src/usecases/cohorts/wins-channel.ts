/** A cohort's wins channel, as chosen in the tab or a team: always one the app is installed in. */
import type { AppContext } from "../../app-context";
import type { CohortUpdate } from "../../contract/api-contract";
import { ValidationError } from "../../domain/errors";
import type { WinsChannel } from "../../domain/types";

/**
 * Left out: the current channel stays. `null`: wins are no longer posted. Otherwise it must be a
 * channel of a team in this tenant where the app is installed; its name and endpoint come from
 * that record, not from the request.
 */
export async function chosenWinsChannel(ctx: AppContext, tenantId: string, current: WinsChannel | undefined, choice: CohortUpdate["winsChannel"]): Promise<WinsChannel | undefined> {
  if (choice === undefined) return current;
  if (choice === null) return undefined;
  if (current && current.teamId === choice.teamId && current.channelId === choice.channelId) return current;
  const team = (await ctx.repos.teams.list(tenantId)).find((t) => t.teamId === choice.teamId);
  const channel = team?.channels.find((c) => c.channelId === choice.channelId);
  if (!team || !channel) {
    const message = "Choose one of the channels where Cohort Coach is installed, or none.";
    throw new ValidationError(message, [{ field: "winsChannel", message }]);
  }
  return { teamId: team.teamId, channelId: channel.channelId, ...(channel.channelName ? { channelName: channel.channelName } : {}), serviceUrl: team.serviceUrl };
}

