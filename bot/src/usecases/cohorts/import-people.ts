/**
 * People at scale, for the cohort form: a CSV file's people, or a team's, checked and named before
 * they join the form's member list. Nothing is saved here; the cohort is saved as it always is,
 * with the people the admin kept.
 *
 * An object id is taken as it is. An e-mail address is looked up in the rosters of the teams the
 * app is installed in (this tenant's only), read once per request. Someone may already be in other
 * cohorts: that is allowed (each card the bot sends names its cohort and acts on that cohort only),
 * and the preview says which, so nobody is surprised.
 */
import type { AppContext } from "../../app-context";
import type { ImportedPerson, ImportPreviewRow, ImportTeam, PeopleImportPreview, TeamMembersResponse } from "../../contract/api-contract";
import { parsePeopleCsv } from "../../domain/csv-people";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { isSafeIdPart } from "../../domain/ids";
import { LIMITS } from "../../domain/limits";
import type { Directory, DirectoryPerson, InstalledTeam } from "../../domain/ports";
import type { Actor, TenantId } from "../../domain/types";
import { mapLimited } from "../../lib/concurrency";
import { authorize } from "../access";

const COHORTS_AT_ONCE = 4;

/** The CSV file's rows: each the person it names, or why it can't be used. */
export async function previewPeopleImport(ctx: AppContext, directory: Directory, actor: Actor, file: string): Promise<PeopleImportPreview> {
  await authorize(ctx, actor, "people.import");
  const parsed = parsePeopleCsv(file);
  const emails = parsed.people.flatMap((p) => (p.key.kind === "email" ? [p.key.email] : []));
  const teams = emails.length ? await ctx.repos.teams.list(actor.tenantId) : [];
  const { found, unreadable } = emails.length && teams.length ? await directory.findByEmail(teams, emails) : { found: new Map<string, DirectoryPerson>(), unreadable: [] as InstalledTeam[] };

  const rows: ImportPreviewRow[] = parsed.problems.map((p) => ({ row: p.row, error: p.message }));
  const people: Array<ImportedPerson & { row: number }> = [];
  const rowOfUser = new Map<string, number>();
  for (const entry of parsed.people) {
    const refuse = (why: string) => rows.push({ row: entry.row, error: `row ${entry.row}: ${why}` });
    let userId: string;
    let displayName = entry.name;
    if (entry.key.kind === "objectId") userId = entry.key.objectId;
    else {
      const person = found.get(entry.key.email);
      if (!person) {
        refuse(teams.length ? "nobody with this e-mail in the teams where Cohort Coach is installed" : "nobody with this e-mail can be found: Cohort Coach is not installed in any team yet. Use the person's Entra object id instead");
        continue;
      }
      if (!isSafeIdPart(person.userId)) {
        refuse("Teams gave this person an id Cohort Coach can't use");
        continue;
      }
      userId = person.userId;
      displayName = displayName || person.displayName;
    }
    if (!displayName) {
      refuse("no name");
      continue;
    }
    const earlier = rowOfUser.get(userId.toLowerCase());
    if (earlier !== undefined) {
      refuse(`listed twice (same as row ${earlier})`);
      continue;
    }
    rowOfUser.set(userId.toLowerCase(), entry.row);
    people.push({ row: entry.row, userId, displayName: displayName.slice(0, LIMITS.shortText), ...(entry.jobTitle ? { jobTitle: entry.jobTitle } : {}) });
  }

  const others = await otherCohortsOf(ctx, actor.tenantId, people.map((p) => p.userId));
  for (const { row, ...person } of people) rows.push({ row, person: withOtherCohorts(person, others) });
  rows.sort((a, b) => a.row - b.row);
  const notes = unreadable.map((t) => `The members of ${t.teamName ?? "one team"} could not be read just now, so people only in that team show as not found. Try again in a moment.`);
  return { rows, good: people.length, bad: rows.length - people.length, header: parsed.header, notes };
}

/** The teams of the caller's organisation that the app is installed in, by name. */
export async function listImportTeams(ctx: AppContext, actor: Actor): Promise<ImportTeam[]> {
  await authorize(ctx, actor, "people.import");
  return (await ctx.repos.teams.list(actor.tenantId)).map((t) => ({ teamId: t.teamId, teamName: teamNameOf(t) })).sort((a, b) => a.teamName.localeCompare(b.teamName));
}

/** Everyone on one of those teams, as Teams lists them now. Another organisation's team does not exist here. */
export async function teamMembersForImport(ctx: AppContext, directory: Directory, actor: Actor, teamId: string): Promise<TeamMembersResponse> {
  await authorize(ctx, actor, "people.import");
  const team = (await ctx.repos.teams.list(actor.tenantId)).find((t) => t.teamId === teamId);
  if (!team) throw new NotFoundError("Cohort Coach is not installed in that team. Add the app to the team in Teams first, then choose it here.");
  const seen = new Set<string>();
  const people: ImportedPerson[] = [];
  for (const member of await directory.teamMembers(team)) {
    if (!isSafeIdPart(member.userId) || seen.has(member.userId.toLowerCase())) continue;
    seen.add(member.userId.toLowerCase());
    people.push({ userId: member.userId, displayName: (member.displayName || member.email || "Team member").slice(0, LIMITS.shortText) });
  }
  if (people.length > LIMITS.membersPerCohort) {
    throw new ValidationError(`${teamNameOf(team)} has ${people.length.toLocaleString("en-GB")} members; a cohort takes at most ${LIMITS.membersPerCohort.toLocaleString("en-GB")}.`, [{ field: "teamId", message: "has more members than a cohort takes" }]);
  }
  const others = await otherCohortsOf(ctx, actor.tenantId, people.map((p) => p.userId));
  return { teamId: team.teamId, teamName: teamNameOf(team), people: people.map((p) => withOtherCohorts(p, others)).sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

function teamNameOf(team: InstalledTeam): string {
  return team.teamName ?? "Unnamed team";
}

function withOtherCohorts(person: ImportedPerson, others: Map<string, string[]>): ImportedPerson {
  const names = others.get(person.userId);
  return names?.length ? { ...person, otherCohorts: names } : person;
}

/** For each of `userIds`, the names of the cohorts (not archived) they already belong to. */
async function otherCohortsOf(ctx: AppContext, tenantId: TenantId, userIds: string[]): Promise<Map<string, string[]>> {
  const wanted = new Set(userIds);
  const result = new Map<string, string[]>();
  if (wanted.size === 0) return result;
  const cohorts = (await ctx.repos.cohorts.list(tenantId)).filter((c) => c.status !== "archived");
  const rosters = await mapLimited(cohorts, COHORTS_AT_ONCE, (c) => ctx.repos.memberships.listByCohort(tenantId, c.id));
  cohorts.forEach((cohort, i) => {
    for (const m of rosters[i]!) {
      if (!wanted.has(m.userId)) continue;
      result.set(m.userId, [...(result.get(m.userId) ?? []), cohort.name]);
    }
  });
  return result;
}
