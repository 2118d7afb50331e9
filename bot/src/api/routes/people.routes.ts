/**
 * People for the cohort form: the people picker's search outside Teams (`GET /api/people?search=`),
 * and people at scale: a CSV file's preview, and a team's members (nothing saved by either).
 */
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { searchPeople } from "../../usecases/cohorts/people";
import { listImportTeams, previewPeopleImport, teamMembersForImport } from "../../usecases/cohorts/import-people";
import { PeopleImportPreviewRequest, TeamMembersRequest } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import type { Directory } from "../../domain/ports";
import { parseInput, type RouteGuard } from "../http";

export function registerPeopleRoutes(server: Server, ctx: AppContext, guard: RouteGuard, directory: Directory): void {
  server.get(apiRoutes.people.path, guard(async (req, res, actor) => {
    const raw = (req.query as Record<string, unknown> | undefined)?.search;
    res.json(await searchPeople(ctx, actor, typeof raw === "string" ? raw : ""));
  }));

  server.post(apiRoutes.peopleImportPreview.path, guard(async (req, res, actor) => {
    const { file } = parseInput(PeopleImportPreviewRequest, req.body);
    res.json(await previewPeopleImport(ctx, directory, actor, file));
  }));

  server.get(apiRoutes.peopleImportTeams.path, guard(async (_req, res, actor) => {
    res.json(await listImportTeams(ctx, actor));
  }));

  server.post(apiRoutes.peopleTeamMembers.path, guard(async (req, res, actor) => {
    const { teamId } = parseInput(TeamMembersRequest, req.body);
    res.json(await teamMembersForImport(ctx, directory, actor, teamId));
  }));
}
