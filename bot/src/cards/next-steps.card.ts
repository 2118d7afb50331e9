/** "What's due for me": unanswered items first, each with a button that opens its card; the member's deliverable and pause. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { LocalDate, TimelineEvent } from "../domain/types";
import { adaptiveCard, execute, heading, memberText, paragraph, plainLine, section, successBanner, textRun } from "./card-kit";
import { pauseSection } from "./pause.card";

export const NEXT_VERBS = { open: "next.open" } as const;

export interface NextStepsCardData {
  cohortId: string;
  cohortName: string;
  due: TimelineEvent[];
  upcoming?: TimelineEvent;
  titleOf(event: TimelineEvent): string;
  pausedUntil?: LocalDate;
  /** The latest brief sent: offered first, to read this week's session again. */
  latestBrief?: TimelineEvent;
  /** The member's latest commitment, which they can change, mark done or link to the work. */
  deliverable?: { sessionNumber: number; text: string; done: boolean; link?: string };
  /** What just changed (a pause started or ended). */
  notice?: string;
  /** What was wrong with a pause request, shown on its field. */
  pauseProblem?: string;
}

export function buildNextStepsCard(data: NextStepsCardData): AdaptiveCardJson {
  const upcoming = data.upcoming ? [paragraph(`Next up: **${data.titleOf(data.upcoming)}** on ${data.upcoming.localDate} at ${data.upcoming.localTime}.`, { subtle: true })] : [];
  const brief = data.latestBrief ? [execute(`Read this week's brief: ${data.titleOf(data.latestBrief)}`, NEXT_VERBS.open, { cohortId: data.cohortId, eventKey: data.latestBrief.key })] : [];
  const actions = [...brief, ...data.due.slice(0, 5).map((event) => execute(data.titleOf(event), NEXT_VERBS.open, { cohortId: data.cohortId, eventKey: event.key }))];
  const d = data.deliverable;
  const deliverable = d
    ? [section(`Your deliverable (session ${d.sessionNumber})`, [
        memberText(d.text),
        plainLine([textRun(d.done ? "Done" : "In progress", { weight: "Bolder", color: d.done ? "Good" : "Accent" }), ...(d.link ? [" · ", textRun(d.link, { subtle: true })] : [])], { spacing: "Small" }),
        { type: "ActionSet", actions: [execute("Change it, mark it done or add a link", NEXT_VERBS.open, { cohortId: data.cohortId, eventKey: `s${d.sessionNumber}.apply` })] },
      ])]
    : [];
  return adaptiveCard(
    [
      ...heading("What's next for you", data.cohortName),
      ...(data.notice ? [successBanner(data.notice)] : []),
      ...(data.due.length ? [paragraph("Waiting for you:")] : [successBanner("You're all caught up.")]),
      ...upcoming,
      paragraph("Only what is open this week is listed: earlier weeks don't need catching up.", { subtle: true }),
      ...deliverable,
      pauseSection({ cohortId: data.cohortId, view: "next", ...(data.pausedUntil ? { pausedUntil: data.pausedUntil } : {}), ...(data.pauseProblem ? { problem: data.pauseProblem } : {}) }),
    ],
    actions,
  );
}
