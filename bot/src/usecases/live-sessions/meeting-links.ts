/**
 * Where members and staff find a cohort's live sessions: the join link on a session's brief, the
 * meetings on the timeline, and whether live sessions are on for the tenant (the tab says so).
 */
import type { AppContext } from "../../app-context";
import { meetingForSession, type MeetingRecord } from "../../domain/live-sessions";
import type { Cohort, TenantId } from "../../domain/types";

/** A meeting someone can join: scheduled, with a Teams link. */
export interface MeetingLink {
  key: string;
  kind: MeetingRecord["kind"];
  sessionNumber: number;
  title: string;
  startsAt: string;
  endsAt: string;
  joinUrl: string;
}

/**
 * - "off": not turned on for this tenant (LIVE_SESSIONS_ENABLED / LIVE_SESSIONS_TENANT_IDS).
 * - "waiting": turned on, no meeting created yet.
 * - "on": Graph accepted the tenant's meetings.
 * - "not-consented": Graph refused: an admin must grant the permissions (README, "Live sessions").
 */
export type LiveSessionsState = "off" | "waiting" | "on" | "not-consented";

export async function liveSessionsState(ctx: AppContext, tenantId: TenantId): Promise<LiveSessionsState> {
  const settings = ctx.config.liveSessions;
  if (!settings?.enabled || (settings.tenantIds.length && !settings.tenantIds.includes(tenantId))) return "off";
  return (await ctx.repos.meetings.getStatus(tenantId))?.state ?? "waiting";
}

/**
 * A brief fan-out asks once per member: the cohort's links are read once per `CACHE_MS` per
 * service (a link that just appeared reaches the briefs after that at most).
 */
const CACHE_MS = 30_000;
const cache = new WeakMap<AppContext, Map<string, { until: number; links: Promise<MeetingLink[]> }>>();

/** The cohort's scheduled meetings that have a join link, earliest first. */
export async function cohortMeetingLinks(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">, options: { fresh?: boolean } = {}): Promise<MeetingLink[]> {
  if (!ctx.config.liveSessions?.enabled) return [];
  const byCohort = cache.get(ctx) ?? new Map<string, { until: number; links: Promise<MeetingLink[]> }>();
  cache.set(ctx, byCohort);
  const key = `${cohort.tenantId}\u0000${cohort.id}`;
  const now = ctx.clock.now().getTime();
  const hit = byCohort.get(key);
  if (hit && hit.until > now && !options.fresh) return hit.links;
  const links = readLinks(ctx, cohort);
  byCohort.set(key, { until: now + CACHE_MS, links });
  links.catch(() => byCohort.delete(key));
  return links;
}

async function readLinks(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">): Promise<MeetingLink[]> {
  const records = await ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id);
  return records
    .filter((r): r is typeof r & { joinUrl: string } => r.state === "scheduled" && typeof r.joinUrl === "string" && r.joinUrl.startsWith("https://"))
    .map(toLink)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The meeting a session's brief links to ("Join the live session"), if it has one not yet over. */
export async function meetingLinkForSession(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">, sessionNumber: number): Promise<MeetingLink | undefined> {
  return meetingForSession(await cohortMeetingLinks(ctx, cohort), sessionNumber, ctx.clock.now());
}

function toLink(r: MeetingRecord & { joinUrl: string }): MeetingLink {
  return { key: r.key, kind: r.kind, sessionNumber: r.sessionNumber, title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, joinUrl: r.joinUrl };
}
