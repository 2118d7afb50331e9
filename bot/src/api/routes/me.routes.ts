import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import { BLOCKER_LABELS, QUOTE_CONSENT_LABELS } from "../../domain/check-in-choices";
import type { Role } from "../../domain/types";
import { listTracks } from "../../domain/tracks";
import { authorize, authorizeCohort } from "../../usecases/access";
import { myHistory } from "../../usecases/member/my-history";
import { deleteMyData, myData, myMeasuredUsage } from "../../usecases/member/my-programme";
import type { MeResponse, MyDataResponse, MyHistoryResponse, TrackSummary } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import type { RouteGuard } from "../http";

export function registerMeRoutes(server: Server, ctx: AppContext, guard: RouteGuard): void {
  server.get(apiRoutes.me.path, guard(async (_req, res, actor) => {
    await authorize(ctx, actor, "profile.read");
    const cohorts = await ctx.repos.cohorts.list(actor.tenantId);
    const facilitatorOf = cohorts.filter((c) => actor.isAdmin || c.facilitatorIds.includes(actor.userId)).map((c) => c.id);
    const memberOf = (await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId)).map((m) => m.cohortId);
    const roles: Role[] = [...(actor.isAdmin ? (["admin"] as const) : []), ...(cohorts.some((c) => c.facilitatorIds.includes(actor.userId)) ? (["facilitator"] as const) : []), "employee"];
    const leaderOf = cohorts.filter((c) => c.kind === "leadership" && memberOf.includes(c.id)).map((c) => c.id);
    const body: MeResponse = { tenantId: actor.tenantId, userId: actor.userId, displayName: actor.displayName, roles, facilitatorOf, memberOf, ...(leaderOf.length ? { leaderOf } : {}), mode: ctx.config.mode };
    res.json(body);
  }));

  server.get(apiRoutes.tracks.path, guard(async (_req, res, actor) => {
    await authorize(ctx, actor, "tracks.list");
    const body: TrackSummary[] = listTracks(await ctx.repos.tracks.list(actor.tenantId)).map((t) => ({ id: t.id, name: t.name, role: t.role, audience: t.audience, sessionCount: t.sessions.length }));
    res.json(body);
  }));

  server.get(apiRoutes.myData.path, guard(async (_req, res, actor) => {
    await authorize(ctx, actor, "own-data.read");
    const memberships = await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId);
    const cohorts = await Promise.all(
      memberships.map(async (m) => {
        const { member, records } = await myData(ctx, actor, m.cohortId);
        return {
          cohortId: member.cohort.id,
          cohortName: member.cohort.name,
          commitments: records.commitments.map((c) => ({ sessionNumber: c.sessionNumber, deliverable: c.deliverable })),
          checkIns: records.checkIns.map((c) => ({
            sessionNumber: c.sessionNumber,
            tried: c.tried,
            worked: c.worked,
            stuck: c.stuck,
            minutesSaved: c.minutesSaved,
            confidence: c.confidence,
            reflectAnswers: c.reflectAnswers ?? [],
            blockers: (c.blockers ?? []).map((b) => BLOCKER_LABELS[b]),
            quoting: QUOTE_CONSENT_LABELS[c.quoteConsent ?? "no"],
          })),
          adoption: records.adoption.map((a) => ({ week: a.week, stillUsing: a.stillUsing, frequency: a.frequency, usedFor: a.usedFor })),
          wins: records.wins.map((w) => ({ text: w.text, createdAt: w.createdAt })),
        };
      }),
    );
    const measuredUsage = await myMeasuredUsage(ctx, actor);
    const body: MyDataResponse = { cohorts, ...(measuredUsage ? { measuredUsage } : {}) };
    res.json(body);
  }));

  server.get(apiRoutes.myHistory.path, guard(async (req, res, actor) => {
    const { cohort } = await authorizeCohort(ctx, actor, "own-history.read", String(req.params.cohortId));
    const body: MyHistoryResponse = await myHistory(ctx, actor, cohort.id);
    res.json(body);
  }));

  server.del(apiRoutes.deleteMyData.path, guard(async (_req, res, actor) => {
    await authorize(ctx, actor, "own-data.delete");
    const memberships = await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId);
    let deleted = 0;
    for (const m of memberships) deleted += (await deleteMyData(ctx, actor, m.cohortId)).deleted;
    res.json({ deleted });
  }));
}
