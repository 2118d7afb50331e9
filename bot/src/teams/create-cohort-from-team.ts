/**
 * `create cohort` in a team channel: read the team's roster (paged), create the cohort from its
 * members, and open 1:1 chats with members the bot cannot reach yet, so the programme reaches them.
 */
import { TeamsInfo, TurnContext, type ConversationParameters, type TeamsChannelAccount } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildCreateCohortCard, type CreateCohortSubmission } from "../cards/create-cohort.card";
import { ForbiddenError, ValidationError } from "../domain/errors";
import type { AdaptiveCardJson, Versioned } from "../domain/ports";
import { listTracks } from "../domain/tracks";
import type { Actor, Cohort } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { createCohort } from "../usecases/cohorts/create-cohort";
import type { TeamsServices } from "./teams-services";

const TIME_ZONES = ["Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney"];

interface TeamChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export async function createCohortCardFor(ctx: AppContext, actor: Actor, turn: TurnContext): Promise<AdaptiveCardJson> {
  const team = (turn.activity.channelData as TeamChannelData | undefined)?.team;
  const tracks = listTracks(await ctx.repos.tracks.list(actor.tenantId)).map((t) => ({ id: t.id, name: t.name }));
  const nextMonday = new Date(ctx.clock.now().getTime() + ((8 - ctx.clock.now().getUTCDay()) % 7 || 7) * 86400_000).toISOString().slice(0, 10);
  return buildCreateCohortCard({ teamName: team?.name || "This team", tracks, timeZones: TIME_ZONES, defaultStartDate: nextMonday });
}

export async function createCohortFromTeam(
  ctx: AppContext,
  services: TeamsServices,
  turn: TurnContext,
  actor: Actor,
  input: CreateCohortSubmission,
  later: (task: () => Promise<void>) => void,
): Promise<{ cohort: Versioned<Cohort>; memberCount: number }> {
  const channelData = turn.activity.channelData as TeamChannelData | undefined;
  if (!channelData?.team?.id) throw new ValidationError("Type 'create cohort' in a channel of the team whose members should join.");
  const roster = await readRoster(turn);
  const members = roster.filter((m) => m.aadObjectId).map((m) => ({ userId: m.aadObjectId!, displayName: m.name || m.givenName || "Team member" }));
  if (members.length === 0) throw new ValidationError("This team has no members I can add.");
  const cohort = await createCohort(ctx, actor, {
    name: input.name,
    kind: input.kind,
    trackId: input.trackId,
    startDate: input.startDate,
    timeZone: input.timeZone,
    facilitatorIds: [actor.userId],
    members,
    winsChannel: { teamId: channelData.team.id, channelId: channelData.channel?.id ?? channelData.team.id, ...(channelData.channel?.name ? { channelName: channelData.channel.name } : {}) },
  }).catch((err) => {
    if (err instanceof ForbiddenError) throw new ForbiddenError("Only admins and existing facilitators can create cohorts from a team.");
    throw err;
  });
  // Remember how to post wins to this channel.
  const { etag, ...stored } = cohort;
  const withServiceUrl = await ctx.repos.cohorts.update({ ...stored, winsChannel: { ...stored.winsChannel!, serviceUrl: turn.activity.serviceUrl } }, etag);
  later(() => reachMembers(ctx, services, turn, roster));
  return { cohort: withServiceUrl, memberCount: members.length };
}

async function readRoster(turn: TurnContext): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(turn, 500, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return members;
}

/** Opens a 1:1 conversation with each member the bot has no reference for, and stores it. */
async function reachMembers(ctx: AppContext, services: TeamsServices, turn: TurnContext, roster: TeamsChannelAccount[]): Promise<void> {
  const tenantId = turn.activity.conversation.tenantId ?? (turn.activity.channelData as { tenant?: { id?: string } })?.tenant?.id;
  if (!tenantId) return;
  const known = new Set((await ctx.repos.people.getMany(tenantId, roster.map((m) => m.aadObjectId!).filter(Boolean))).filter((p) => p.conversationReference).map((p) => p.userId));
  const unreached = roster.filter((m) => m.aadObjectId && !known.has(m.aadObjectId));
  await mapLimited(unreached, 4, async (member) => {
    const parameters = { isGroup: false, bot: turn.activity.recipient, members: [{ id: member.id, name: member.name }], tenantId, channelData: { tenant: { id: tenantId } } } as unknown as ConversationParameters;
    try {
      await services.adapter.createConversationAsync(services.botAppId, "msteams", turn.activity.serviceUrl, "", parameters, async (context) => {
        const reference = TurnContext.getConversationReference(context.activity);
        await ctx.repos.people.upsert({ tenantId, userId: member.aadObjectId!, displayName: member.name ?? "", conversationReference: { ...reference, user: { id: member.id, name: member.name, aadObjectId: member.aadObjectId } }, updatedAt: ctx.clock.now().toISOString() });
      });
    } catch (err) {
      ctx.logger.warn({ tenantId, userId: member.aadObjectId, err: err instanceof Error ? err.name : "error" }, "could not open a 1:1 chat with member");
    }
  });
}
