/**
 * "Try it together": the week's exercise, posted to a practice pod's group chat on the session's
 * brief day. From the cohort's track: the session's title, its steps and its example prompt (the
 * organisation may author these, so they are shown as plain text). It carries no action: the pod
 * talks in the chat, and the bot only counts that they did.
 */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, memberList, memberText, paragraph, plainLine, section, textRun, truncate } from "./card-kit";

export interface PodExerciseCardData {
  cohortName: string;
  podName: string;
  sessionNumber: number;
  title: string;
  workflow?: string;
  tryThis: string[];
  examplePrompt?: string;
}

export function buildPodExerciseCard(data: PodExerciseCardData): AdaptiveCardJson {
  const steps = data.tryThis.slice(0, 8).map((step, i) => `${i + 1}. ${truncate(step, 400)}`);
  return adaptiveCard([
    ...heading(`Try it together: ${truncate(data.title, 120)}`, `${truncate(data.cohortName, 100)} · ${truncate(data.podName, 40)} · session ${data.sessionNumber}`, { plainTitle: true }),
    ...(data.workflow ? [plainLine([textRun("On: ", { weight: "Bolder" }), truncate(data.workflow, 200)])] : []),
    ...(steps.length ? [section("Try this", [memberList(steps)])] : []),
    ...(data.examplePrompt ? [section("Example prompt", [memberText(truncate(data.examplePrompt, 1500), { italic: true })], "emphasis")] : []),
    paragraph("Pick a time this week to try it together on real work, then share here what worked and what didn't. Someone else's prompt is often the shortcut you were missing."),
    paragraph("Cohort Coach counts how many messages this chat has, for your facilitators, and never reads or keeps what you write.", { subtle: true, spacing: "Small" }),
  ]);
}
