/**
 * A leader shares an experiment: what they tried, on which real piece of work, and what happened.
 * Failures are welcome. With consent it is posted to the channels of the team cohorts that follow
 * the leadership cohort and quoted in their next brief, with the leader's name.
 */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, errorBanner, execute, heading, memberFacts, memberText, paragraph, successBanner, textInput, toggleInput, truncate } from "./card-kit";
import { asBoolean, asTrimmed } from "./validation";

export const EXPERIMENT_VERBS = { open: "experiment.open", submit: "experiment.submit" } as const;

export interface ExperimentCardData {
  cohortId: string;
  cohortName: string;
  draftId: string;
  /** The team cohorts that follow this leadership cohort, by name: where a shared experiment goes. */
  followingTeams: string[];
}

const field = (what: string, max: number) =>
  z.preprocess(asTrimmed, z.string({ message: `Tell us ${what}.` }).min(3, `Tell us ${what}.`).max(max, `Keep it under ${max} characters.`));

export const ExperimentSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  draftId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  work: field("which real piece of work it was", LIMITS.shortText),
  tried: field("what you tried", LIMITS.answerText),
  outcome: field("what happened, even if it went wrong", LIMITS.answerText),
  share: z.preprocess(asBoolean, z.boolean()),
});
export type ExperimentSubmission = z.infer<typeof ExperimentSubmission>;

/** The button a leadership cohort's member finds on their win and progress cards. */
export const shareExperimentAction = (cohortId: string) => execute("Share an experiment with your teams", EXPERIMENT_VERBS.open, { cohortId });

export function buildExperimentCard(data: ExperimentCardData, error?: { message: string; issues: FieldIssue[]; typed?: Partial<Record<"work" | "tried" | "outcome", string>> }): AdaptiveCardJson {
  const teams = data.followingTeams.length ? `It goes to ${data.followingTeams.map((t) => `"${t}"`).join(", ")}: their channel, and their next session brief.` : "No team cohort follows your leadership cohort yet, so it stays with your cohort for now.";
  return adaptiveCard(
    [
      ...heading("Share an experiment", data.cohortName),
      paragraph("Go first, visibly: tell your teams what you tried with AI on real work, and what happened. Failures are welcome: \"it got the structure right and two numbers wrong\" teaches as much as a success."),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "work", label: "Which real piece of work?", value: error?.typed?.work, maxLength: LIMITS.shortText, required: true, placeholder: "e.g. the Q3 board pack" }),
      textInput({ id: "tried", label: "What did you try?", value: error?.typed?.tried, multiline: true, maxLength: LIMITS.answerText, required: true }),
      textInput({ id: "outcome", label: "What happened?", value: error?.typed?.outcome, multiline: true, maxLength: LIMITS.answerText, required: true }),
      memberText(teams, { subtle: true }),
      ...(data.followingTeams.length ? [toggleInput({ id: "share", title: "Share it with my teams, with my name" })] : []),
    ],
    [execute("Share", EXPERIMENT_VERBS.submit, { cohortId: data.cohortId, draftId: data.draftId }, "positive")],
  );
}

export function buildExperimentSharedCard(data: Pick<ExperimentCardData, "cohortName">, tried: string, postedTo: number): AdaptiveCardJson {
  return adaptiveCard([
    ...heading("Share an experiment", data.cohortName),
    successBanner(postedTo ? `Thanks! It is on its way to ${postedTo} team cohort${postedTo === 1 ? "" : "s"}, and into their next brief.` : "Thanks! Your experiment is recorded; it was not shared with your teams."),
    memberText(`"${truncate(tried, 300)}"`, { subtle: true }),
  ]);
}

/** Posted to a following team cohort's channel: everything in it was typed by the leader, so plain text. */
export function buildChannelExperimentCard(data: { leaderName: string; leadershipCohortName: string; work: string; tried: string; outcome: string }): AdaptiveCardJson {
  return adaptiveCard([
    ...heading(`${truncate(data.leaderName, 120)} shared an experiment`, `From ${data.leadershipCohortName}: leaders go first`, { plainTitle: true }),
    memberFacts([
      ["Work", truncate(data.work, LIMITS.shortText)],
      ["Tried", truncate(data.tried, LIMITS.answerText)],
      ["What happened", truncate(data.outcome, LIMITS.answerText)],
    ]),
  ]);
}
