/**
 * The facilitator's run-sheet for one live session (issue 19): what to cover (the session plan from
 * the cohort's pinned track), what the cohort reported (a clinic's digest figures, never names,
 * withheld under 5 answers), who is stuck or asked for help, the open questions (anonymous ones
 * carry no name) and who came to the previous live session. Staff only.
 */
import type { AppContext } from "../../app-context";
import type { LiveSessionDto, RunSheetResponse } from "../../contract/live-sessions-contract";
import { NotFoundError } from "../../domain/errors";
import { isSafeIdPart } from "../../domain/ids";
import type { Actor, Cohort, TrackSession } from "../../domain/types";
import { authorizeCohort } from "../access";
import { openAlerts } from "../dashboard/open-alerts";
import { digestState } from "../digest/session-digest";
import { trackOfCohort } from "../tracks/cohort-track";
import { absentees } from "./follow-ups";
import { listLiveSessions } from "./live-session-list";

type Selected = NonNullable<RunSheetResponse["selected"]>;

const UNKNOWN_SESSION = "That live session does not exist in this cohort.";

/** `sessionKey` absent: the next live session not over yet, else the last one. */
export async function runSheet(ctx: AppContext, actor: Actor, cohortId: string, sessionKey?: string): Promise<RunSheetResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "run-sheet.read", cohortId);
  if (sessionKey !== undefined && !isSafeIdPart(sessionKey)) throw new NotFoundError(UNKNOWN_SESSION);
  const { state, sessions } = await listLiveSessions(ctx, cohort);
  const session = chooseSession(sessions, sessionKey, ctx.clock.now());
  const base = { cohortId: cohort.id, cohortName: cohort.name, liveSessions: state, sessions };
  if (!session) return base;

  const [plan, reported, stuck, openQuestions, lastAttendance] = await Promise.all([
    planOf(ctx, cohort, session),
    session.kind === "clinic" ? reportedOn(ctx, cohort, session.sessionNumber) : undefined,
    stuckMembers(ctx, cohort),
    openQuestionsOf(ctx, cohort),
    previousAttendance(ctx, cohort, sessions, session),
  ]);
  const selected: Selected = { session, plan, stuck, openQuestions, ...(reported ? { reported } : {}), ...(lastAttendance ? { lastAttendance } : {}) };
  return { ...base, selected };
}

function chooseSession(sessions: LiveSessionDto[], key: string | undefined, now: Date): LiveSessionDto | undefined {
  if (key !== undefined) {
    const found = sessions.find((s) => s.key === key);
    if (!found) throw new NotFoundError(UNKNOWN_SESSION);
    return found;
  }
  return sessions.find((s) => new Date(s.endsAt) > now) ?? sessions.at(-1);
}

async function planOf(ctx: AppContext, cohort: Cohort, session: LiveSessionDto): Promise<Selected["plan"]> {
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  const found: TrackSession | undefined = track?.sessions.find((s) => s.number === session.sessionNumber);
  if (!found) return { sessionNumber: session.sessionNumber, title: session.title, workflow: "", summary: "", tryThis: [], reflectQuestions: [] };
  const { learn } = found;
  return {
    sessionNumber: found.number,
    title: found.title,
    workflow: learn.workflow,
    summary: learn.summary,
    tryThis: learn.tryThis,
    ...(learn.examplePrompt ? { examplePrompt: learn.examplePrompt } : {}),
    ...(learn.watchOut ? { watchOut: learn.watchOut } : {}),
    reflectQuestions: found.reflectQuestions,
  };
}

/** The digest's figures for session n (a clinic comes after its check-in); none before that check-in opens. */
async function reportedOn(ctx: AppContext, cohort: Cohort, sessionNumber: number): Promise<Selected["reported"]> {
  try {
    const { figures } = await digestState(ctx, cohort, sessionNumber);
    return {
      sessionNumber,
      responses: figures.responses,
      members: figures.members,
      withheld: figures.withheld,
      // Under 5 answers the domain gives no themes and no summary: nothing here could point at one person.
      blockers: figures.withheld ? [] : figures.blockers.map(({ label, count }) => ({ label, count })),
      ...(!figures.withheld && figures.summaryLine ? { summaryLine: figures.summaryLine } : {}),
    };
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function stuckMembers(ctx: AppContext, cohort: Cohort): Promise<Selected["stuck"]> {
  const alerts = await openAlerts(ctx, cohort);
  return alerts.map((a) => ({ userId: a.userId, displayName: a.displayName, reason: a.reason, sessionNumber: a.sessionNumber }));
}

/** Open questions, oldest first (as the facilitator desk lists them); an anonymous one carries no name. */
async function openQuestionsOf(ctx: AppContext, cohort: Cohort): Promise<Selected["openQuestions"]> {
  const questions = await ctx.repos.questions.listByCohort(cohort.tenantId, cohort.id);
  return questions
    .filter((q) => q.status === "open")
    .sort((a, b) => a.askedOn.localeCompare(b.askedOn))
    .map((q) => ({ id: q.id, text: q.text, askedAt: q.askedOn, ...(q.anonymous ? {} : { askedBy: q.askedByName }) }));
}

/**
 * The live session before the selected one, once it is over and its attendance has been read
 * (attendance-sync.ts): how many came and which invited members did not. Nothing while its
 * attendance is pending or unavailable (the session list says which).
 */
async function previousAttendance(ctx: AppContext, cohort: Cohort, sessions: LiveSessionDto[], selected: LiveSessionDto): Promise<Selected["lastAttendance"]> {
  const now = ctx.clock.now();
  const previous = sessions.filter((s) => s.startsAt < selected.startsAt && new Date(s.endsAt) <= now).at(-1);
  if (!previous) return undefined;
  const followUp = await ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, previous.key);
  if (followUp?.attendance.state !== "read") return undefined;
  const { invitedIds, attendedIds } = followUp.attendance;
  const missedIds = new Set(absentees(followUp));
  // Names as the cohort knows them now; someone since removed from the cohort is no longer listed.
  const members = missedIds.size ? await ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id) : [];
  const missed = members
    .filter((m) => missedIds.has(m.userId))
    .map((m) => ({ userId: m.userId, displayName: m.displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { key: previous.key, title: previous.title, startsAt: previous.startsAt, attended: attendedIds.length, invited: invitedIds.length, missed };
}
