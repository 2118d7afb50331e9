/** The benchmark's organisation: one cohort of N members who all have the app installed. */
import type { AppContext } from "../../bot/src/app-context";
import { buildTimeline } from "../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../bot/src/domain/tracks";
import type { Cohort, Membership } from "../../bot/src/domain/types";
import { mapLimited } from "../../bot/src/lib/concurrency";

export const BENCH_TENANT_ID = "bench-tenant-0000-0000-000000000001";
export const BENCH_COHORT: Omit<Cohort, "createdAt" | "updatedAt"> = {
  id: "bench-cohort",
  tenantId: BENCH_TENANT_ID,
  name: "Benchmark cohort",
  kind: "team",
  trackId: "operations",
  startDate: "2026-03-02",
  timeZone: "Europe/London",
  localTime: "09:30",
  facilitatorIds: ["bench-facilitator"],
  status: "active",
  createdBy: "bench-admin",
};

/** Week 8's adoption check is the only event on its day: exactly one card per member. */
export const BENCH_EVENT_KEY = "adoption.w8";
export const BENCH_EVENT_DUE_AT = (() => {
  const track = getBuiltInTrack(BENCH_COHORT.trackId)!;
  const event = buildTimeline(BENCH_COHORT, track).find((e) => e.key === BENCH_EVENT_KEY);
  if (!event) throw new Error(`the ${BENCH_COHORT.trackId} track has no ${BENCH_EVENT_KEY}`);
  return event.dueAt;
})();

export interface BenchCohort {
  tenantId: string;
  cohortId: string;
  members: Array<{ userId: string; teamsId: string; conversationId: string; name: string }>;
  conversationIds: Set<string>;
}

/** Where a benchmark organisation lives; the default is the single-tenant phases' one. */
export interface BenchTenant {
  tenantId: string;
  cohortId: string;
  /** Added to member numbers, so two organisations' members have different ids and conversations. */
  memberOffset: number;
}

export const DEFAULT_BENCH_TENANT: BenchTenant = { tenantId: BENCH_TENANT_ID, cohortId: BENCH_COHORT.id, memberOffset: 0 };

/** The n-th (0-based) extra organisation of the multi-tenant phase. */
export function benchTenant(n: number, membersEach: number): BenchTenant {
  return { tenantId: `bench-tenant-0000-0000-${String(n + 2).padStart(12, "0")}`, cohortId: `bench-cohort-${n + 2}`, memberOffset: (n + 1) * membersEach };
}

export function benchMember(i: number) {
  const userId = `00000000-0000-0000-bbbb-${String(i).padStart(12, "0")}`;
  return { userId, teamsId: `29:bench-${i}`, conversationId: `a:bench-1on1-${i}`, name: `Bench Member ${i}` };
}

export async function seedBenchCohort(ctx: AppContext, count: number, serviceUrl: string, where: BenchTenant = DEFAULT_BENCH_TENANT): Promise<BenchCohort> {
  const now = ctx.clock.now().toISOString();
  const { tenantId, cohortId } = where;
  await ctx.repos.cohorts.create({ ...BENCH_COHORT, id: cohortId, tenantId, createdAt: now, updatedAt: now });
  const members = Array.from({ length: count }, (_, i) => benchMember(where.memberOffset + i));
  const memberships: Membership[] = members.map((m) => ({ tenantId, cohortId, userId: m.userId, displayName: m.name, joinedAt: now }));
  for (let i = 0; i < memberships.length; i += 500) await ctx.repos.memberships.upsertMany(memberships.slice(i, i + 500));
  await mapLimited(members, 32, (m) =>
    ctx.repos.people.upsert({
      tenantId,
      userId: m.userId,
      displayName: m.name,
      conversationReference: {
        activityId: undefined,
        bot: { id: "28:cohort-coach-bot", name: "Cohort Coach" },
        channelId: "msteams",
        conversation: { id: m.conversationId, conversationType: "personal", tenantId },
        serviceUrl,
        user: { id: m.teamsId, aadObjectId: m.userId, name: m.name },
      },
      updatedAt: now,
    }),
  );
  return { tenantId, cohortId, members, conversationIds: new Set(members.map((m) => m.conversationId)) };
}
