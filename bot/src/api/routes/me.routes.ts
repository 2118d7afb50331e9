import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import type { Role } from "../../domain/types";
import { listTracks } from "../../domain/tracks";
import { deleteMyData, myData } from "../../usecases/member/my-programme";
import { API_ROUTES, type MeResponse, type MyDataResponse, type TrackSummary } from "../../contract/api-contract";
import type { RouteGuard } from "../http";

export function registerMeRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(API_ROUTES.me, guard(async (_req, res, actor) => {
    const cohorts = await ctx.repos.cohorts.list(actor.tenantId);
    const facilitatorOf = cohorts.filter((c) => actor.isAdmin || c.facilitatorIds.includes(actor.userId)).map((c) => c.id);
    const memberOf = (await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId)).map((m) => m.cohortId);
    const roles: Role[] = [...(actor.isAdmin ? (["admin"] as const) : []), ...(cohorts.some((c) => c.facilitatorIds.includes(actor.userId)) ? (["facilitator"] as const) : []), "employee"];
    const body: MeResponse = { tenantId: actor.tenantId, userId: actor.userId, displayName: actor.displayName, roles, facilitatorOf, memberOf, mode: ctx.config.mode };
    res.json(body);
  }));

  server.get(API_ROUTES.tracks, guard(async (_req, res, actor) => {
    const body: TrackSummary[] = listTracks(await ctx.repos.tracks.list(actor.tenantId)).map((t) => ({ id: t.id, name: t.name, role: t.role, audience: t.audience, sessionCount: t.sessions.length }));
    res.json(body);
  }));

  server.get(API_ROUTES.myData, guard(async (_req, res, actor) => {
    const memberships = await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId);
    const cohorts = await Promise.all(
      memberships.map(async (m) => {
        const { member, records } = await myData(ctx, actor, m.cohortId);
        return {
          cohortId: member.cohort.id,
          cohortName: member.cohort.name,
          commitments: records.commitments.map((c) => ({ sessionNumber: c.sessionNumber, deliverable: c.deliverable })),
          checkIns: records.checkIns.map((c) => ({ sessionNumber: c.sessionNumber, tried: c.tried, worked: c.worked, stuck: c.stuck, minutesSaved: c.minutesSaved, confidence: c.confidence })),
          adoption: records.adoption.map((a) => ({ week: a.week, stillUsing: a.stillUsing, frequency: a.frequency, usedFor: a.usedFor })),
          wins: records.wins.map((w) => ({ text: w.text, createdAt: w.createdAt })),
        };
      }),
    );
    const body: MyDataResponse = { cohorts };
    res.json(body);
  }));

  server.del(API_ROUTES.myData, guard(async (_req, res, actor) => {
    const memberships = await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId);
    let deleted = 0;
    for (const m of memberships) deleted += (await deleteMyData(ctx, actor, m.cohortId)).deleted;
    res.json({ deleted });
  }));
}
