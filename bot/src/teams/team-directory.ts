/**
 * The Directory port on Teams' team rosters: outside any turn, a turn is opened on the team's
 * conversation through the CloudAdapter (as a proactive send would be), and the roster is read page
 * by page with TeamsInfo (GET /v3/conversations/{teamId}/pagedmembers). Rosters are read when asked
 * and never kept: someone who left the team is gone at the next import.
 */
import { TeamsInfo, type CloudAdapter, type ConversationReference, type TeamsChannelAccount } from "botbuilder";
import { AppError, NotFoundError } from "../domain/errors";
import type { Directory, DirectoryPerson, InstalledTeam, Logger } from "../domain/ports";
import { classifySendError } from "./card-sender";

/** Teams' largest roster page. */
const ROSTER_PAGE_SIZE = 500;
/** Rosters read at once when looking up e-mail addresses across teams. */
const TEAMS_AT_ONCE = 3;

export function createTeamDirectory(adapter: CloudAdapter, botAppId: string, logger: Logger): Directory {
  async function readRoster(team: InstalledTeam): Promise<TeamsChannelAccount[]> {
    const reference: Partial<ConversationReference> = {
      channelId: "msteams",
      serviceUrl: team.serviceUrl,
      conversation: { id: team.teamId, isGroup: true, conversationType: "channel", tenantId: team.tenantId, name: team.teamName ?? "" },
    };
    const members: TeamsChannelAccount[] = [];
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        try {
          let continuationToken: string | undefined;
          do {
            const page = await TeamsInfo.getPagedTeamMembers(context, team.teamId, ROSTER_PAGE_SIZE, continuationToken);
            members.push(...page.members);
            continuationToken = page.continuationToken;
          } while (continuationToken);
        } catch (err) {
          // Caught inside the turn, or the adapter's turn-error handler would answer for it.
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    if (failure === undefined) return members;
    const classified = classifySendError(failure);
    logger.warn({ tenantId: team.tenantId, kind: classified.kind, status: classified.status }, "could not read a team's roster");
    if (classified.kind === "permanent") throw new NotFoundError("Cohort Coach can no longer read this team's members: it may have been removed from the team. Add the app to the team again, or choose another team.");
    throw new AppError("INTERNAL", "Teams did not give this team's members just now. Try again in a moment.");
  }

  const directory: Directory = {
    async teamMembers(team) {
      return (await readRoster(team)).flatMap((m) => personOf(m) ?? []);
    },
    async findByEmail(teams, emails) {
      const wanted = new Set(emails.map((e) => e.toLowerCase()));
      const found = new Map<string, DirectoryPerson>();
      const unreadable: InstalledTeam[] = [];
      if (wanted.size === 0) return { found, unreadable };
      const queue = [...teams];
      const worker = async () => {
        for (let team = queue.shift(); team; team = queue.shift()) {
          if (found.size >= wanted.size) return;
          let people: DirectoryPerson[];
          try {
            people = await directory.teamMembers(team);
          } catch {
            unreadable.push(team);
            continue;
          }
          for (const p of people) {
            for (const address of [p.email, p.userPrincipalName]) {
              const key = address?.toLowerCase();
              if (key && wanted.has(key) && !found.has(key)) found.set(key, p);
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(TEAMS_AT_ONCE, teams.length) }, worker));
      return { found, unreadable };
    },
  };
  return directory;
}

function personOf(member: TeamsChannelAccount): DirectoryPerson | undefined {
  if (!member.aadObjectId) return undefined;
  const displayName = (member.name || [member.givenName, member.surname].filter(Boolean).join(" ") || member.email || "").trim();
  return {
    userId: member.aadObjectId,
    displayName,
    ...(member.email ? { email: member.email } : {}),
    ...(member.userPrincipalName ? { userPrincipalName: member.userPrincipalName } : {}),
  };
}
