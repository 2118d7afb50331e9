/**
 * Seeds the demo tenant on first local run: a leadership cohort that started first and two team
 * cohorts at different weeks, each with a believable history (commitments, check-ins, adoption
 * answers, questions, wins, policy acknowledgements and delivered cards). Deterministic, so every
 * newcomer sees the same story; relative to today, so the story is always current.
 */
import { DateTime } from "luxon";
import type { AppContext } from "../app-context";
import { ids } from "../domain/ids";
import { STARTER_POLICY } from "../domain/policy-template";
import { buildTimeline } from "../domain/timeline";
import { getBuiltInTrack } from "../domain/tracks";
import type { Cohort, Membership, TimelineEvent, Track } from "../domain/types";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "./personas";
import { DEMO_ANSWERS } from "./demo-answers";
import { clearFirstRun, isFirstRun as localFolderIsNew } from "../store/local/first-run";
import { alertReasonsForMissedCheckIns } from "../scheduler/missed-checkins";
import { MISSED_DIGEST_PREFIX } from "../scheduler/planner";
import { digestsDue } from "../scheduler/digest-planning";
import { seededRandom } from "../lib/seeded-random";

const ZONE = "Europe/London";
/** The person the Agents Playground chats as (its default user, Alex Wilber). */
const PLAYGROUND_USER_ID = DEMO_PERSONAS.find((p) => p.id === "employee")!.userId;

interface CohortPlan {
  id: string;
  name: string;
  kind: Cohort["kind"];
  trackId: string;
  weeksAgo: number;
  leadershipCohortId?: string;
  namedMembers: string[]; // persona ids
  extraMembers: number;
  facilitators: string[]; // persona ids
}

const PLANS: CohortPlan[] = [
  { id: "leadership-2026", name: "Leadership team: AI first movers", kind: "leadership", trackId: "leadership", weeksAgo: 6, namedMembers: ["leader"], extraMembers: 5, facilitators: ["admin"] },
  { id: "marketing-campaigns", name: "Marketing: campaigns team", kind: "team", trackId: "marketing", weeksAgo: 4, leadershipCohortId: "leadership-2026", namedMembers: [], extraMembers: 9, facilitators: ["facilitator"] },
  { id: "finance-spring", name: "Finance: reporting and planning", kind: "team", trackId: "finance", weeksAgo: 2, leadershipCohortId: "leadership-2026", namedMembers: ["employee"], extraMembers: 11, facilitators: ["facilitator"] },
];

const EXTRA_NAMES = [
  "Grady Archie", "Henrietta Mueller", "Johanna Lorenz", "Joni Sherman", "Lee Gu", "Lidia Holloway", "Miriam Graham", "Nestor Wilke",
  "Pradeep Gupta", "Diego Siciliani", "Allan Deyoung", "Christie Cline", "Enrico Cattaneo", "Irvin Sayers", "Debra Berger", "Emily Braun",
  "Alex Darrow", "Ben Walters", "Cameron White", "Lynne Robbins", "Patti Fernandez", "Raul Razo", "Sam Taylor", "Tessa Olson",
  "Vince Ito", "Wanda Howard", "Zoe Patel", "Omar Haddad", "Priya Nair", "Kofi Mensah",
];

export async function seedDemoTenant(ctx: AppContext): Promise<boolean> {
  const { repos, clock, logger } = ctx;
  const tenantId = DEMO_TENANT_ID;
  if (!(await isFirstRun(ctx))) return false;

  const now = clock.now();
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  const random = seededRandom(20260302);
  const persona = (id: string) => {
    const p = DEMO_PERSONAS.find((x) => x.id === id);
    if (!p) throw new Error(`unknown demo persona ${id}`);
    return p;
  };

  const policyPublishedAt = today.minus({ weeks: 7 }).toUTC().toISO()!;
  const policy = await repos.policies.publish(
    { tenantId, version: 1, ...STARTER_POLICY, publishedAt: policyPublishedAt, publishedBy: persona("admin").userId },
    0,
  );

  let extraIndex = 0;
  for (const plan of PLANS) {
    const track = getBuiltInTrack(plan.trackId);
    if (!track) throw new Error(`demo track ${plan.trackId} is missing`);
    const startDate = today.startOf("week").minus({ weeks: plan.weeksAgo }).toISODate()!;
    const createdAt = today.minus({ weeks: plan.weeksAgo + 1 }).toUTC().toISO()!;
    const cohort: Cohort = {
      id: plan.id,
      tenantId,
      name: plan.name,
      kind: plan.kind,
      trackId: plan.trackId,
      startDate,
      timeZone: ZONE,
      localTime: "09:30",
      facilitatorIds: plan.facilitators.map((f) => persona(f).userId),
      leadershipCohortId: plan.leadershipCohortId,
      status: "active",
      createdAt,
      createdBy: persona("admin").userId,
      updatedAt: createdAt,
    };
    await repos.cohorts.create(cohort);

    const members: Membership[] = plan.namedMembers.map((id) => ({
      tenantId,
      cohortId: cohort.id,
      userId: persona(id).userId,
      displayName: persona(id).displayName,
      jobTitle: persona(id).jobTitle,
      joinedAt: createdAt,
    }));
    for (let i = 0; i < plan.extraMembers; i++) {
      const n = extraIndex++;
      members.push({
        tenantId,
        cohortId: cohort.id,
        userId: `00000000-0000-0000-0000-${String(1000 + n).padStart(12, "0")}`,
        displayName: EXTRA_NAMES[n % EXTRA_NAMES.length]!,
        joinedAt: createdAt,
      });
    }
    await repos.memberships.upsertMany(members);
    for (const m of members) {
      await repos.people.upsert({ tenantId, userId: m.userId, displayName: m.displayName, updatedAt: createdAt });
    }

    const fullTimeline = buildTimeline(cohort, track);
    const timeline = fullTimeline.filter((e) => new Date(e.dueAt) <= now);
    await seedHistory(ctx, cohort, track, members, timeline, random, policy.version);
    await seedDueDigests(ctx, cohort, fullTimeline);
  }

  logger.info({ tenantId, cohorts: PLANS.length }, "demo tenant seeded");
  finishFirstRun(ctx);
  return true;
}

/**
 * Seed only a store that has never held data. A persisted local folder says so with an explicit
 * marker (see store/local/first-run.ts), never by a file being absent; elsewhere (memory-only
 * local stores, or Azure with SEED_DEMO_DATA=true) the demo tenant must have no cohorts yet.
 */
async function isFirstRun(ctx: AppContext): Promise<boolean> {
  const { cosmos } = ctx.config;
  if (cosmos.kind === "embedded" && cosmos.persist && !localFolderIsNew(cosmos.dataDir)) return false;
  if ((await ctx.repos.cohorts.list(DEMO_TENANT_ID)).length > 0) {
    finishFirstRun(ctx);
    return false;
  }
  return true;
}

function finishFirstRun(ctx: AppContext): void {
  const { cosmos } = ctx.config;
  if (cosmos.kind === "embedded" && cosmos.persist) clearFirstRun(cosmos.dataDir);
}

async function seedHistory(
  ctx: AppContext,
  cohort: Cohort,
  track: Track,
  members: Membership[],
  pastEvents: TimelineEvent[],
  random: () => number,
  policyVersion: number,
): Promise<void> {
  const { repos } = ctx;
  const answers = DEMO_ANSWERS[track.role] ?? DEMO_ANSWERS.finance!;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const tenantId = cohort.tenantId;
  // The named demo employee always keeps up, so their own journey in the playground makes sense.
  const engagement = new Map(members.map((m, i) => [m.userId, i === 0 ? 1 : 0.55 + random() * 0.4]));
  const latestSession = Math.max(0, ...pastEvents.filter((e) => e.kind === "learn").map((e) => e.sessionNumber ?? 0));
  const nowMs = ctx.clock.now().getTime();

  for (const event of pastEvents) {
    for (const member of members) {
      const at = event.dueAt;
      // The policy is delivered per version (as the planner keys it): seeded as already sent, so
      // starting the demo does not try to send it again to people who have no chat with the bot.
      const eventKey = event.kind === "policy" ? `policy.v${policyVersion}` : event.key;
      await repos.deliveries.createIfAbsent({
        id: ids.deliveryId(cohort.id, eventKey, member.userId),
        tenantId,
        cohortId: cohort.id,
        userId: member.userId,
        eventKey,
        kind: event.kind,
        status: "sent",
        attempts: 1,
        notBefore: at,
        sentAt: at,
        activityId: `demo-${event.key}-${member.userId.slice(-4)}`,
        createdAt: at,
        updatedAt: at,
      });
      const responds = random() < engagement.get(member.userId)!;
      if (!responds || leftForThePlayground(member, event, latestSession)) continue;
      // Nobody answers before a card arrives or after today, however recently it arrived.
      const answeredAt = new Date(Math.min(new Date(at).getTime() + (1 + random() * 30) * 3600_000, nowMs)).toISOString();
      const session = event.sessionNumber ?? 0;

      if (event.kind === "policy") {
        await repos.policies.acknowledge({ id: ids.acknowledgementId(policyVersion, member.userId), tenantId, userId: member.userId, version: policyVersion, acknowledgedAt: answeredAt });
      } else if (event.kind === "apply") {
        await repos.loop.upsertCommitment({
          id: ids.commitmentId(cohort.id, session, member.userId),
          tenantId, cohortId: cohort.id, userId: member.userId, sessionNumber: session,
          deliverable: pick(answers.deliverables), committedAt: answeredAt, updatedAt: answeredAt,
        });
      } else if (event.kind === "checkin") {
        const stuck = random() < 0.25;
        const confidence = Math.max(1, Math.min(5, Math.round(2 + session * 0.6 + (random() - 0.5) * 1.5))) as 1 | 2 | 3 | 4 | 5;
        await repos.loop.upsertCheckIn({
          id: ids.checkInId(cohort.id, session, member.userId),
          tenantId, cohortId: cohort.id, userId: member.userId, sessionNumber: session,
          tried: pick(answers.tried), worked: pick(answers.worked), stuck: stuck ? pick(answers.stuck) : "",
          minutesSaved: Math.round((15 + random() * 90) * (0.6 + session * 0.25)),
          confidence, wantsHelp: stuck && random() < 0.4, submittedAt: answeredAt, updatedAt: answeredAt,
        });
      } else if (event.kind === "baseline" || event.kind === "adoption") {
        const week = event.adoptionWeek ?? 0;
        const usingChance = week === 0 ? 0.35 : week === 4 ? 0.8 : 0.75;
        const stillUsing = random() < usingChance;
        await repos.loop.upsertAdoption({
          id: ids.adoptionId(cohort.id, week, member.userId),
          tenantId, cohortId: cohort.id, userId: member.userId, week, stillUsing,
          frequency: stillUsing ? pick(["daily", "few-times-a-week", "weekly"] as const) : pick(["rarely", "not-at-all"] as const),
          usedFor: stillUsing ? pick(answers.usedFor) : "", answeredAt,
        });
      }
    }
  }

  await seedMissedCheckInAlerts(ctx, cohort, members, pastEvents);

  if (pastEvents.some((e) => e.kind === "learn")) {
    const askedOn = pastEvents[pastEvents.length - 1]!.localDate;
    const [first, second] = members;
    await repos.questions.createIfAbsent({
      id: ids.questionId(cohort.id, "demo-q1"), tenantId, cohortId: cohort.id, text: answers.questions[0]!,
      askedOn, status: "open", anonymous: true,
    });
    if (first && second) {
      await repos.questions.createIfAbsent({
        id: ids.questionId(cohort.id, "demo-q2"), tenantId, cohortId: cohort.id, text: answers.questions[1]!,
        askedOn, status: "answered", anonymous: false, askedBy: second.userId, askedByName: second.displayName,
        answer: answers.answer, answeredBy: cohort.facilitatorIds[0], answeredAt: new Date(ctx.clock.now()).toISOString(),
      });
      await repos.wins.createIfAbsent({
        id: ids.winId(cohort.id, "demo-w1"), tenantId, cohortId: cohort.id, userId: second.userId, displayName: second.displayName,
        text: answers.win, minutesSaved: 90, shareConsent: true, createdAt: new Date(ctx.clock.now()).toISOString(),
      });
    }
  }
}

/**
 * What the README's Agents Playground walkthrough has Alex do: acknowledge the policy, commit to this
 * week's deliverable and check in on it. Left unanswered in Alex's seeded history (the cards were
 * delivered), so `next` has something waiting whenever the demo is started.
 */
function leftForThePlayground(member: Membership, event: TimelineEvent, latestSession: number): boolean {
  if (member.userId !== PLAYGROUND_USER_ID) return false;
  if (event.kind === "policy") return true;
  return (event.kind === "apply" || event.kind === "checkin") && event.sessionNumber === latestSession;
}

/**
 * A "Before session n+1" digest that is due on the day the demo starts (between a check-in closing
 * and the next session) is part of the history too, as already delivered to the facilitators, who
 * have no chat with the bot either: otherwise a fresh start on such a day logs a failed send.
 */
async function seedDueDigests(ctx: AppContext, cohort: Cohort, timeline: TimelineEvent[]): Promise<void> {
  for (const digest of digestsDue(timeline, ctx.clock.now())) {
    for (const facilitatorId of cohort.facilitatorIds) {
      await ctx.repos.deliveries.createIfAbsent({
        id: ids.deliveryId(cohort.id, digest.eventKey, facilitatorId), tenantId: cohort.tenantId, cohortId: cohort.id, userId: facilitatorId, eventKey: digest.eventKey, kind: "digest",
        status: "sent", attempts: 1, notBefore: digest.dueAt, sentAt: digest.dueAt, activityId: `demo-${digest.eventKey}-${facilitatorId.slice(-4)}`, createdAt: digest.dueAt, updatedAt: digest.dueAt,
      });
    }
  }
}

/**
 * The demo's history includes the facilitators' "missed two check-ins" alerts and their digest
 * cards, as already delivered: the demo people have no chat with the bot (nobody installed it), so
 * leaving them for the first scheduler tick would only log failed sends on every fresh start.
 */
async function seedMissedCheckInAlerts(ctx: AppContext, cohort: Cohort, members: Membership[], pastEvents: TimelineEvent[]): Promise<void> {
  const { repos } = ctx;
  const records = await repos.loop.listCohortRecords(cohort.tenantId, cohort.id);
  const alerts = alertReasonsForMissedCheckIns(cohort, pastEvents, members, records.checkIns, ctx.clock.now());
  if (alerts.length === 0) return;
  await repos.alerts.createManyIfAbsent(alerts);
  for (const session of new Set(alerts.map((a) => a.sessionNumber))) {
    const eventKey = `${MISSED_DIGEST_PREFIX}${session}`;
    const at = ctx.clock.now().toISOString();
    for (const facilitatorId of cohort.facilitatorIds) {
      await repos.deliveries.createIfAbsent({
        id: ids.deliveryId(cohort.id, eventKey, facilitatorId), tenantId: cohort.tenantId, cohortId: cohort.id, userId: facilitatorId, eventKey, kind: "alert",
        status: "sent", attempts: 1, notBefore: at, sentAt: at, activityId: `demo-${eventKey}-${facilitatorId.slice(-4)}`, createdAt: at, updatedAt: at,
      });
    }
  }
}
