/** Small, explicit organisations for tests: a tenant, a policy, a cohort and its people. */
import { DEMO_PERSONAS } from "../../bot/src/demo/personas";
import { STARTER_POLICY } from "../../bot/src/domain/policy-template";
import type { Repositories } from "../../bot/src/domain/ports";
import type { Cohort } from "../../bot/src/domain/types";
import type { TeamsUser } from "./teams-activities";

export interface FixturePerson extends TeamsUser {
  conversationId: string;
}

export function person(n: number, name: string): FixturePerson {
  const aadObjectId = `00000000-0000-0000-aaaa-${String(n).padStart(12, "0")}`;
  return { id: `29:user-${n}`, aadObjectId, name, conversationId: `a:1on1-29:user-${n}` };
}

/** A demo persona (who can sign in to the tab) as a fixture person the bot knows by the same object id. */
export function personaFixture(personaId: string): FixturePerson {
  const persona = DEMO_PERSONAS.find((p) => p.id === personaId);
  if (!persona) throw new Error(`no demo persona ${personaId}`);
  return { id: `29:${personaId}`, aadObjectId: persona.userId, name: persona.displayName, conversationId: `a:1on1-29:${personaId}` };
}

export interface SeedOptions {
  tenantId: string;
  cohortId?: string;
  startDate?: string;
  members: FixturePerson[];
  facilitators: FixturePerson[];
  serviceUrl: string;
  kind?: Cohort["kind"];
  leadershipCohortId?: string;
  trackId?: string;
  policy?: boolean;
  /** People (members or facilitators) the bot has never talked to: no stored person or conversation. */
  withoutChat?: FixturePerson[];
  cohortName?: string;
}

export async function seedCohort(repos: Repositories, o: SeedOptions): Promise<Cohort> {
  const now = "2026-02-20T09:00:00.000Z";
  const cohort: Cohort = {
    id: o.cohortId ?? "finance-test",
    tenantId: o.tenantId,
    name: o.cohortName ?? "Finance test cohort",
    kind: o.kind ?? "team",
    trackId: o.trackId ?? "finance",
    startDate: o.startDate ?? "2026-03-02",
    timeZone: "Europe/London",
    localTime: "09:30",
    facilitatorIds: o.facilitators.map((f) => f.aadObjectId),
    ...(o.leadershipCohortId ? { leadershipCohortId: o.leadershipCohortId } : {}),
    status: "active",
    createdAt: now,
    createdBy: o.facilitators[0]?.aadObjectId ?? "admin",
    updatedAt: now,
  };
  await repos.cohorts.create(cohort);
  await repos.memberships.upsertMany(o.members.map((m) => ({ tenantId: o.tenantId, cohortId: cohort.id, userId: m.aadObjectId, displayName: m.name, joinedAt: now })));
  const withoutChat = new Set((o.withoutChat ?? []).map((p) => p.aadObjectId));
  for (const p of [...o.members, ...o.facilitators].filter((x) => !withoutChat.has(x.aadObjectId))) {
    await repos.people.upsert({
      tenantId: o.tenantId,
      userId: p.aadObjectId,
      displayName: p.name,
      conversationReference: conversationOf(p, o.tenantId, o.serviceUrl),
      updatedAt: now,
    });
  }
  if (o.policy !== false && !(await repos.policies.current(o.tenantId))) {
    await repos.policies.publish({ tenantId: o.tenantId, version: 1, ...STARTER_POLICY, publishedAt: "2026-02-01T09:00:00.000Z", publishedBy: "admin" }, 0);
  }
  return cohort;
}

/** The bot's 1:1 conversation with `p`, as an install would have stored it. */
export function conversationOf(p: FixturePerson, tenantId: string, serviceUrl: string): Record<string, unknown> {
  return {
    bot: { id: "28:cohort-coach-bot", name: "Cohort Coach" },
    channelId: "msteams",
    conversation: { id: p.conversationId, conversationType: "personal", tenantId },
    serviceUrl,
    user: { id: p.id, aadObjectId: p.aadObjectId, name: p.name },
  };
}
