/**
 * "Your history": what the member has had from the programme and what they gave it, in one place —
 * the briefs they were sent, their commitments, their check-ins with their answers, their wins.
 * Only ever their own records, in the bot (their 1:1 chat) and in the tab's "Your programme".
 */
import type { AppContext } from "../../app-context";
import type { MyHistory } from "../../cards/history.card";
import type { Actor } from "../../domain/types";
import { loadMemberContext } from "./member-context";
import { memberPausedUntil } from "./pause-programme";

export type { MyHistory };


export async function myHistory(ctx: AppContext, actor: Actor, cohortId: string): Promise<MyHistory> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const now = ctx.clock.now();
  const records = await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  const bySession = <T extends { sessionNumber: number }>(items: T[]) => [...items].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const pausedUntil = memberPausedUntil(member, now);
  return {
    cohortId: member.cohort.id,
    cohortName: member.cohort.name,
    ...(pausedUntil ? { pausedUntil } : {}),
    // Their own timeline: a brief is theirs once it was due for them (a paused member's later).
    briefs: member.timeline
      .filter((e) => e.kind === "learn" && new Date(e.dueAt) <= now)
      .map((e) => ({ sessionNumber: e.sessionNumber!, title: member.track.sessions.find((s) => s.number === e.sessionNumber)?.title ?? `Session ${e.sessionNumber}`, sentOn: e.localDate })),
    commitments: bySession(records.commitments).map((c) => ({ sessionNumber: c.sessionNumber, deliverable: c.deliverable, done: !!c.doneAt, ...(c.link ? { link: c.link } : {}) })),
    checkIns: bySession(records.checkIns).map((c) => ({ sessionNumber: c.sessionNumber, tried: c.tried, worked: c.worked, stuck: c.stuck, minutesSaved: c.minutesSaved, confidence: c.confidence, reflectAnswers: c.reflectAnswers ?? [] })),
    wins: [...records.wins].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((w) => ({ text: w.text, createdAt: w.createdAt })),
  };
}
