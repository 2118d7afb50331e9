/**
 * Practice pods, each tick, for the active cohorts of tenants with live sessions on:
 * 1. Chats. A pod still "creating" gets its Teams group chat (Graph `POST /chats`) and then the app
 *    installed in it. The cohort's split document is claimed with its ETag first, so one instance
 *    at a time works on a cohort's pods; the claim expires (`claimTtlMs`) if that instance dies.
 *    Graph makes a new chat on every `POST /chats` and has no transaction id for it, so each pod's
 *    request is written down (`chatRequestedAt`) before it is sent and the chat id right after it
 *    comes back, before the app is installed. A pod found with a request written but no chat id
 *    (the instance died in between) is NOT asked again: it becomes "failed" with a plain reason
 *    (at most one chat per pod; a facilitator can split again). Graph answering 429/5xx means no
 *    chat was made: the request mark is cleared and the next tick tries again. Residual window,
 *    accepted: GraphClient retries a request whose connection broke (no answer at all); if Teams
 *    had made the chat, that retry makes a second one.
 * 2. Exercises. On a session's brief day (its brief is due and the next one is not), every ready
 *    pod gets the week's "try it together" card through the outbox (one delivery record per pod and
 *    session, id `pod-exercise:{cohortId}:{podId}:{session}`), so the delivery pipeline sends it
 *    exactly once. A pod that becomes ready later that week still gets it.
 */
import type { AppContext } from "../app-context";
import { ConcurrencyError } from "../domain/errors";
import { podChatTopic, podExerciseKey, type Pod, type PodSplit } from "../domain/pods";
import type { MeetingFailure, PodChatPort, Versioned } from "../domain/ports";
import type { Cohort, Person } from "../domain/types";
import { cohortSchedule } from "../usecases/member/member-context";
import { liveSessionsOn } from "./meeting-sync";

export interface PodSyncOptions {
  chats: PodChatPort;
  instanceId: string;
  /** How long a claim on a cohort's pods holds (default two minutes). */
  claimTtlMs?: number;
}

export interface PodSyncReport {
  chatsCreated: number;
  appsInstalled: number;
  failed: number;
  /** Left for later: claimed by another instance, or Graph busy. */
  deferred: number;
  exercisesQueued: number;
}

const CRASHED =
  "The app stopped while Teams was creating this pod's chat, so the chat may or may not exist. To be sure nobody gets two chats it was not asked again: look in Teams for a chat with this pod's name, or split the cohort again.";

export function createPodSync(ctx: AppContext, options: PodSyncOptions) {
  const claimTtlMs = options.claimTtlMs ?? 120_000;
  const { chats, instanceId } = options;
  const iso = () => ctx.clock.now().toISOString();
  const claimedByOther = (s: PodSplit) => s.claimedBy !== undefined && s.claimedBy !== instanceId && (s.claimExpiresAt ?? "") > iso();

  /** Writes the split (keeping this instance's claim); undefined when the claim was lost. */
  async function write(split: Versioned<PodSplit>, changes: Partial<PodSplit>): Promise<Versioned<PodSplit> | undefined> {
    const { etag, ...current } = split;
    try {
      return await ctx.repos.pods.save({ ...current, ...changes, updatedAt: iso() }, etag);
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined;
      throw err;
    }
  }

  const withPod = (split: PodSplit, podId: string, change: Partial<Pod>): Pod[] => split.pods.map((p) => (p.id === podId ? { ...p, ...change } : p));

  function problemOf(failure: MeetingFailure, what: string): string {
    if (failure.kind === "not-consented") return `Teams refused to ${what}: an admin must grant the app's Graph permissions for pods (see the README, "Practice pods").`;
    if (failure.code === "noCatalogId") return `The app could not be added to the chat: TEAMS_APP_CATALOG_ID is not set for this deployment.`;
    return `Teams refused to ${what} (${failure.status ?? "no answer"}${failure.code ? ` ${failure.code}` : ""}).`;
  }

  /** Where the bot posts to the tenant's chats: a Bot Connector endpoint it already talks to. */
  async function serviceUrlFor(cohort: Cohort, pod: Pod): Promise<string | undefined> {
    const people: Person[] = await ctx.repos.people.getMany(cohort.tenantId, [...pod.memberIds, ...cohort.facilitatorIds]);
    for (const p of people) {
      const url = (p.conversationReference as { serviceUrl?: unknown } | undefined)?.serviceUrl;
      if (typeof url === "string" && url.startsWith("http")) return url;
    }
    return (await ctx.repos.teams.list(cohort.tenantId)).find((t) => t.serviceUrl)?.serviceUrl;
  }

  async function createChats(cohort: Versioned<Cohort>, stored: Versioned<PodSplit>, report: PodSyncReport): Promise<void> {
    if (!stored.pods.some((p) => p.chat === "creating")) return;
    if (claimedByOther(stored)) return void report.deferred++;
    let split = await write(stored, { claimedBy: instanceId, claimExpiresAt: new Date(ctx.clock.now().getTime() + claimTtlMs).toISOString() });
    if (!split) return void report.deferred++;
    for (const pod of split.pods) {
      if (pod.chat !== "creating" || !split) continue;
      let current: Pod = pod;
      if (!current.chatId) {
        if (current.chatRequestedAt) {
          split = await write(split, { pods: withPod(split, pod.id, { chat: "failed", problem: CRASHED }) });
          report.failed++;
          continue;
        }
        split = await write(split, { pods: withPod(split, pod.id, { chatRequestedAt: iso() }) });
        if (!split) break;
        const created = await chats.createGroupChat(cohort.tenantId, podChatTopic(cohort.name, pod.name), pod.memberIds);
        if (!created.ok) {
          const busy = created.failure.kind === "unavailable" && typeof created.failure.status === "number" && created.failure.status > 0;
          split = await write(split, { pods: withPod(split, pod.id, busy ? { chatRequestedAt: undefined } : { chat: "failed", problem: problemOf(created.failure, "create the pod's chat") }) });
          if (busy) report.deferred++;
          else report.failed++;
          continue;
        }
        current = { ...current, chatId: created.value.chatId };
        split = await write(split, { pods: withPod(split, pod.id, { chatId: created.value.chatId }) });
        report.chatsCreated++;
        // Recorded even if the claim was just lost: the chat exists, and the bot must know it is a pod.
        await ctx.repos.pods.recordChat(cohort.tenantId, created.value.chatId, { cohortId: cohort.id, podId: pod.id });
        if (!split) break;
      }
      const installed = await chats.installApp(cohort.tenantId, current.chatId!);
      if (!installed.ok) {
        const busy = installed.failure.kind === "unavailable";
        if (!busy) {
          split = await write(split, { pods: withPod(split, pod.id, { chat: "failed", problem: `The chat was created, but the app could not be added to it. ${problemOf(installed.failure, "add the app")}` }) });
          report.failed++;
        } else report.deferred++;
        continue;
      }
      const serviceUrl = await serviceUrlFor(cohort, current);
      split = await write(split, { pods: withPod(split, pod.id, { chat: "ready", appInstalled: true, problem: undefined, ...(serviceUrl ? { serviceUrl } : {}) }) });
      report.appsInstalled++;
    }
    if (split) await write(split, { claimedBy: undefined, claimExpiresAt: undefined });
  }

  /** The session whose brief day it is: its brief is due and the next session's is not. */
  async function currentSession(cohort: Cohort): Promise<{ sessionNumber: number; dueAt: string } | undefined> {
    const schedule = await cohortSchedule(ctx, cohort);
    if (!schedule) return undefined;
    const now = ctx.clock.now().getTime();
    const briefs = schedule.timeline.filter((e) => e.kind === "learn" && e.sessionNumber !== undefined).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    let index = -1;
    briefs.forEach((e, i) => {
      if (new Date(e.dueAt).getTime() <= now) index = i;
    });
    if (index < 0) return undefined;
    const next = briefs[index + 1];
    const brief = briefs[index]!;
    // The last session's exercise is offered for a week, like the others.
    const until = next ? new Date(next.dueAt).getTime() : new Date(brief.dueAt).getTime() + 7 * 86_400_000;
    return now < until ? { sessionNumber: brief.sessionNumber!, dueAt: brief.dueAt } : undefined;
  }

  async function queueExercises(cohort: Versioned<Cohort>, report: PodSyncReport): Promise<void> {
    const split = await ctx.repos.pods.get(cohort.tenantId, cohort.id);
    if (!split || !split.pods.some((p) => p.chat === "ready")) return;
    const session = await currentSession(cohort);
    if (!session) return;
    const due = split.pods.filter((p) => p.chat === "ready" && !(p.exerciseSessions ?? []).includes(session.sessionNumber));
    if (!due.length) return;
    report.exercisesQueued += await ctx.outbox.enqueue(
      due.map((p) => ({ tenantId: cohort.tenantId, cohortId: cohort.id, userId: p.id, eventKey: podExerciseKey(cohort.id, p.id, session.sessionNumber), kind: "pod-exercise" as const, notBefore: session.dueAt })),
    );
    // Only saves work: the delivery ids make a second enqueue harmless if this write loses a race.
    const dueIds = new Set(due.map((p) => p.id));
    await write(split, { pods: split.pods.map((p) => (dueIds.has(p.id) ? { ...p, exerciseSessions: [...(p.exerciseSessions ?? []), session.sessionNumber] } : p)) });
  }

  return {
    async run(activeCohorts: Iterable<Versioned<Cohort>>): Promise<PodSyncReport> {
      const report: PodSyncReport = { chatsCreated: 0, appsInstalled: 0, failed: 0, deferred: 0, exercisesQueued: 0 };
      for (const cohort of activeCohorts) {
        if (!liveSessionsOn(ctx, cohort.tenantId)) continue;
        try {
          const split = await ctx.repos.pods.get(cohort.tenantId, cohort.id);
          if (!split) continue;
          await createChats(cohort, split, report);
          await queueExercises(cohort, report);
        } catch (err) {
          ctx.logger.error({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "practice pods: sync failed for cohort");
        }
      }
      if (report.chatsCreated || report.appsInstalled || report.failed || report.exercisesQueued) ctx.logger.info({ instanceId, ...report }, "practice pods synced");
      return report;
    },
  };
}

export type PodSync = ReturnType<typeof createPodSync>;
