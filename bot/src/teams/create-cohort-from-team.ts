/**
 * `create cohort` in a team channel: the form for admins and facilitators; on submit, the team's
 * roster (read page by page) becomes the cohort's members and the channel its wins channel; then,
 * once the form is answered, the bot opens a 1:1 chat with every member it cannot reach yet and
 * stores the reference, so the programme reaches people who never installed the app themselves.
 */
import { TeamsInfo, type ChannelAccount, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildCreateCohortCard, type CreateCohortCardData, type CreateCohortSubmission } from "../cards/create-cohort.card";
import { ValidationError } from "../domain/errors";
import { isSafeIdPart } from "../domain/ids";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson, Versioned } from "../domain/ports";
import { listTracks } from "../domain/tracks";
import type { Actor, Cohort } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { createCohort } from "../usecases/cohorts/create-cohort";
import type { SubmissionProblem } from "../usecases/member/event-cards";
import { registerPerson } from "../usecases/member/register-person";
import { registerTeam, type SeenTeam } from "../usecases/member/register-team";
import { createPersonalChat } from "./personal-chats";
import type { TeamsServices } from "./teams-services";

const TIME_ZONES = ["Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney"];
/** Teams' largest roster page. */
const ROSTER_PAGE_SIZE = 500;
/** 1:1 chats opened at once: well inside Teams' per-tenant request rate. */
const OPEN_CHATS_CONCURRENCY = 4;

export interface TeamChannel {
  teamId: string;
  /** For showing: the team's name, or "This team" when Teams did not say. */
  teamName: string;
  /** The name Teams gave, if it did. */
  knownTeamName?: string;
  channelId: string;
  channelName?: string;
}

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** The team and channel a message or invoke came from; undefined outside a team channel. */
export function teamChannelOf(turn: TurnContext): TeamChannel | undefined {
  const { team, channel } = (turn.activity.channelData ?? {}) as TeamsChannelData;
  if (turn.activity.conversation?.conversationType !== "channel" || !team?.id) return undefined;
  return { teamId: team.id, teamName: team.name || "This team", ...(team.name ? { knownTeamName: team.name } : {}), channelId: channel?.id ?? team.id, ...(channel?.name ? { channelName: channel.name } : {}) };
}

/** What the bot learnt about a team from an event in it, for the list of channels admins choose from. */
export function seenTeam(team: TeamChannel, serviceUrl: string): SeenTeam {
  return { teamId: team.teamId, serviceUrl, ...(team.knownTeamName ? { teamName: team.knownTeamName } : {}), channelId: team.channelId, ...(team.channelName ? { channelName: team.channelName } : {}) };
}

/** The form; after a rejected submission, with the problem on it and what was typed (`typed`, the card's raw data). */
export async function createCohortForm(ctx: AppContext, actor: Actor, team: TeamChannel, problem?: SubmissionProblem, typed?: Record<string, unknown>): Promise<AdaptiveCardJson> {
  const tracks = listTracks(await ctx.repos.tracks.list(actor.tenantId)).map((t) => ({ id: t.id, name: t.name }));
  return buildCreateCohortCard({ teamName: team.teamName, tracks, timeZones: TIME_ZONES, defaultStartDate: nextMonday(ctx.clock.now()), ...(typed ? { typed: typedForm(typed) } : {}) }, problem);
}

function typedForm(data: Record<string, unknown>): NonNullable<CreateCohortCardData["typed"]> {
  const text = (field: string) => (typeof data[field] === "string" ? { [field]: (data[field] as string).slice(0, LIMITS.shortText) } : {});
  return { ...text("name"), ...text("trackId"), ...text("startDate"), ...text("timeZone"), ...text("kind"), alreadyRunning: data.alreadyRunning === "true" || data.alreadyRunning === true };
}

export async function createCohortFromTeam(ctx: AppContext, turn: TurnContext, actor: Actor, team: TeamChannel, input: CreateCohortSubmission): Promise<{ cohort: Versioned<Cohort> & { message: string }; roster: TeamsChannelAccount[] }> {
  const roster = (await readRoster(turn)).filter((m) => m.aadObjectId && isSafeIdPart(m.aadObjectId));
  if (roster.length === 0) throw new ValidationError("This team has no members I can add.");
  // Recorded first: the cohort's wins channel must be one the app is known to be installed in.
  await registerTeam(ctx, actor.tenantId, seenTeam(team, turn.activity.serviceUrl));
  const cohort = await createCohort(ctx, actor, {
    name: input.name,
    kind: input.kind,
    trackId: input.trackId,
    startDate: input.startDate,
    timeZone: input.timeZone,
    ...(input.alreadyRunning ? { alreadyRunning: true } : {}),
    facilitatorIds: [actor.userId],
    members: roster.map((m) => ({ userId: m.aadObjectId!, displayName: (m.name || m.givenName || "Team member").slice(0, 200) })),
    winsChannel: { teamId: team.teamId, channelId: team.channelId, ...(team.channelName ? { channelName: team.channelName } : {}) },
  });
  return { cohort, roster };
}

async function readRoster(turn: TurnContext): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(turn, ROSTER_PAGE_SIZE, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return members;
}

/** Where the team lives: enough to open 1:1 chats after the turn that asked has ended. */
export interface TeamOrigin {
  tenantId: string;
  serviceUrl: string;
  bot: ChannelAccount;
}

export function teamOriginOf(turn: TurnContext, tenantId: string): TeamOrigin {
  return { tenantId, serviceUrl: turn.activity.serviceUrl, bot: turn.activity.recipient };
}

/** Opens a 1:1 chat with each roster member the bot has no reference for, and stores it. */
export async function openPersonalChats(ctx: AppContext, services: TeamsServices, origin: TeamOrigin, roster: TeamsChannelAccount[]): Promise<number> {
  const { tenantId, serviceUrl, bot } = origin;
  const known = await ctx.repos.people.getMany(tenantId, roster.map((m) => m.aadObjectId!));
  const reachable = new Set(known.filter((p) => p.conversationReference && !p.unreachableSince).map((p) => p.userId));
  const unreached = roster.filter((m) => !reachable.has(m.aadObjectId!));
  const opened = await mapLimited(unreached, OPEN_CHATS_CONCURRENCY, async (member) => {
    const user = { id: member.id, name: member.name, aadObjectId: member.aadObjectId };
    try {
      const reference = await createPersonalChat(services.adapter, services.botAppId, { tenantId, serviceUrl, bot, user });
      await registerPerson(ctx, { tenantId, userId: member.aadObjectId!, displayName: member.name ?? "", isAdmin: false }, reference);
      return true;
    } catch (err) {
      ctx.logger.warn({ tenantId, userId: member.aadObjectId, err: err instanceof Error ? err.name : "error" }, "could not open a 1:1 chat with a team member");
      return false;
    }
  });
  const count = opened.filter(Boolean).length;
  ctx.logger.info({ tenantId, unreached: unreached.length, opened: count }, "1:1 chats opened from a team roster");
  return count;
}

function nextMonday(now: Date): string {
  const daysAhead = (8 - now.getUTCDay()) % 7 || 7;
  return new Date(now.getTime() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}
