/**
 * The tab's API. Every route goes through the guard (authenticate, rate-limit, map errors); the
 * handlers only parse input, call a use case and return JSON.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Server } from "restify";
import type { AppContext } from "../../app-context";
import type { Directory } from "../../domain/ports";
import type { Authenticator } from "../auth.port";
import { createRouteGuard } from "../http";
import { registerCohortRoutes } from "./cohorts.routes";
import { registerDashboardRoutes } from "./dashboard.routes";
import { registerMeRoutes } from "./me.routes";
import { registerPeopleRoutes } from "./people.routes";
import { registerPolicyRoutes } from "./policy.routes";
import { registerQuestionRoutes } from "./questions.routes";
import { registerWinRoutes } from "./wins.routes";
import { registerAlertRoutes } from "./alerts.routes";
import { registerDigestRoutes } from "./digest.routes";
import { registerLeadershipRoutes } from "./leadership.routes";
import { registerReportRoutes } from "./report.routes";
import { registerCalendarRoutes } from "./calendar.routes";
import { registerTrackRoutes } from "./tracks.routes";
import { registerMeasuredUsageRoutes } from "./measured-usage.routes";
import { registerPodRoutes } from "./pods.routes";
import { registerLiveSessionRoutes } from "./live-sessions.routes";
import { registerRunSheetRoutes } from "./run-sheet.routes";

export interface ApiDeps {
  authenticator: Authenticator;
  /** Team rosters (teams/team-directory.ts), for importing people. */
  directory: Directory;
}

export function registerApiRoutes(server: Server, ctx: AppContext, deps: ApiDeps): void {
  // In memory per instance: with several instances a user's budget is per instance, which still
  // stops a runaway client. A shared store (Redis) would make it exact if that ever matters.
  const limiter = new RateLimiterMemory({ points: ctx.config.api.rateLimitPerMinute, duration: 60 });
  const guard = createRouteGuard(deps.authenticator, ctx.logger, limiter);
  registerMeRoutes(server, ctx, guard);
  registerCohortRoutes(server, ctx, guard);
  registerPeopleRoutes(server, ctx, guard, deps.directory);
  registerDashboardRoutes(server, ctx, guard);
  registerPolicyRoutes(server, ctx, guard);
  registerQuestionRoutes(server, ctx, guard);
  registerWinRoutes(server, ctx, guard);
  registerAlertRoutes(server, ctx, guard);
  registerDigestRoutes(server, ctx, guard);
  registerLeadershipRoutes(server, ctx, guard);
  registerReportRoutes(server, ctx, guard);
  registerCalendarRoutes(server, ctx, guard);
  registerTrackRoutes(server, ctx, guard);
  registerMeasuredUsageRoutes(server, ctx, guard);
  registerPodRoutes(server, ctx, guard);
  registerLiveSessionRoutes(server, ctx, guard);
  registerRunSheetRoutes(server, ctx, guard);
}

